import type { Caller } from '@/lib/auth/resolve-caller'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { mapGithubEvent } from '@/lib/github/map-events'
import type { GitHubClient } from '@/lib/github/github-client'
import { advanceBackfillCursor, getBackfillCursor } from '@/lib/queries/github-backfill'
import { findMappedRepository, getGithubConnection } from '@/lib/queries/github-connections'
import type { CommitInput } from '@/lib/validation/deployments'
import { validationError } from '@/lib/http/app-error'

type Deployment = { id: number; sha: string; ref: string; environment: string; created_at: string; creator: { login: string } | null; production_environment?: boolean }
type Status = { state: string; created_at: string; target_url?: string | null; log_url?: string | null; environment?: string }
type CompareCommit = { sha: string; commit: { author: { date?: string } | null; committer: { date?: string } | null; message: string } }

export type BackfillProgress = {
  done: number; total: number; skipped: number; rateRemaining: number | null
  // deployments that were not stored yet (a reconciliation's gaps: webhooks that never arrived), and
  // stored ones whose status or commits the API corrected
  created: number; updated: number
}

const DAY_MS = 86_400_000

// Imports a repository's deployments of the last `days` days through the REST API, oldest first, as
// the webhooks would have delivered them (same source and ids, so live and imported data never
// double), each with the commits it carried (compare with the previous successful deployment to the
// same environment). The cursor advances after every stored deployment: an interrupted import resumes
// after the last one, and a repeated one changes nothing.
// Reconciliation ('reconcile') reads the same window ignoring the cursor: every deployment is written
// again (a no-op when nothing changed), and the ones that were missing are counted as gaps.
export async function backfillRepository(opts: {
  github: GitHubClient; connectionId: number; fullName: string; days?: number; now?: Date; mode?: 'import' | 'reconcile'
  onProgress?: (p: BackfillProgress) => void | Promise<void>
}): Promise<BackfillProgress> {
  const [owner, repo] = opts.fullName.split('/')
  if (!owner || !repo) throw validationError([{ path: 'repository', message: 'must be owner/name' }])
  const connection = await getGithubConnection({ id: opts.connectionId })
  if (!connection) throw validationError([{ path: 'connection', message: `no connection ${opts.connectionId}` }])
  const repository = await findMappedRepository(opts.connectionId, opts.fullName)
  if (!repository) throw validationError([{ path: 'repository', message: `${opts.fullName} is not mapped to a service (npm run github -- map)` }])
  const since = new Date((opts.now ?? new Date()).getTime() - (opts.days ?? 90) * DAY_MS)
  const cursor = opts.mode === 'reconcile' ? null : await getBackfillCursor(opts.connectionId, opts.fullName)
  let rateRemaining: number | null = null
  const track = (headers: Record<string, unknown>) => {
    const r = Number(headers['x-ratelimit-remaining'])
    if (Number.isFinite(r)) rateRemaining = r
  }

  // newest first from the API: stop paging at the window's start
  const deployments: Deployment[] = []
  for await (const page of opts.github.paginate.iterator('GET /repos/{owner}/{repo}/deployments', { owner, repo, per_page: 100 })) {
    track(page.headers)
    const rows = page.data as unknown as Deployment[]
    deployments.push(...rows.filter((d) => new Date(d.created_at) >= since))
    if (rows.some((d) => new Date(d.created_at) < since)) break
  }
  deployments.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)

  const caller: Caller = { tokenId: null, teamId: connection.teamId, teamSlug: connection.teamSlug }
  const lastSuccess = new Map<string, string>() // environment -> sha of the last successful deployment seen
  const progress: BackfillProgress = { done: 0, total: deployments.length, skipped: 0, rateRemaining, created: 0, updated: 0 }
  const repositoryRef = { full_name: opts.fullName, html_url: `https://github.com/${opts.fullName}` }
  for (const d of deployments) {
    const statuses = await opts.github.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner, repo, deployment_id: d.id, per_page: 1 })
    track(statuses.headers)
    const latest = (statuses.data as unknown as Status[])[0]
    const action = latest
      ? mapGithubEvent('deployment_status', { action: 'created', deployment: d, deployment_status: latest, repository: repositoryRef }, { repository, incidentLabel: connection.incidentLabel })
      : mapGithubEvent('deployment', { action: 'created', deployment: d, repository: repositoryRef }, { repository, incidentLabel: connection.incidentLabel })
    if (action.kind !== 'deployment') {
      progress.skipped++
    } else {
      const input = action.input
      const environment = input.environment.name
      if (input.status === 'success' && input.sha) {
        input.commits = await carriedCommits(opts.github, owner, repo, lastSuccess.get(environment), input.sha, track)
        lastSuccess.set(environment, input.sha)
      }
      const alreadyImported = cursor !== null && new Date(d.created_at) <= cursor
      if (!alreadyImported) {
        const { outcome } = await ingestDeployments(caller, [input], { raw: JSON.stringify({ githubBackfill: opts.fullName, deployment: d.id }), receivedAt: new Date(), kind: `github:${opts.mode ?? 'import'}` })
        if (outcome === 'created') progress.created++
        if (outcome === 'updated') progress.updated++
        await advanceBackfillCursor(opts.connectionId, opts.fullName, new Date(d.created_at))
      } else {
        progress.skipped++
      }
    }
    progress.done++
    progress.rateRemaining = rateRemaining
    await opts.onProgress?.({ ...progress })
  }
  return progress
}

// The commits between the previous successful deployment's sha and this one (GitHub's compare), with
// their times; the first deployment in the window carries just its own commit.
async function carriedCommits(github: GitHubClient, owner: string, repo: string, base: string | undefined, head: string, track: (h: Record<string, unknown>) => void): Promise<CommitInput[]> {
  if (base === head) return []
  const toInput = (c: CompareCommit): CommitInput => {
    const at = c.commit.committer?.date ?? c.commit.author?.date
    return { sha: c.sha.toLowerCase(), committedAt: at ? new Date(at) : undefined, message: c.commit.message.slice(0, 20_000) }
  }
  if (!base) {
    const res = await github.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: head })
    track(res.headers)
    return [toInput(res.data as unknown as CompareCommit)]
  }
  const commits: CommitInput[] = []
  for await (const page of github.paginate.iterator('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead: `${base}...${head}`, per_page: 100 })) {
    track(page.headers)
    commits.push(...((page.data as unknown as { commits: CompareCommit[] }).commits ?? []).map(toInput))
  }
  return commits
}
