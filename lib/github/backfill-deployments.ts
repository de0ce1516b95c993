import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { mapGithubEvent } from '@/lib/github/map-events'
import { applyGithubAction } from '@/lib/github/apply-action'
import { routeCommits } from '@/lib/github/route-commits'
import type { BackfillContext } from '@/lib/github/backfill'
import { advanceBackfillCursor } from '@/lib/queries/github-backfill'
import type { CommitInput } from '@/lib/validation/deployments'

export type GithubDeployment = {
  id: number; sha: string; ref: string; environment: string; created_at: string; creator: { login: string } | null; production_environment?: boolean; payload?: unknown
}
type Status = { state: string; created_at: string; target_url?: string | null; log_url?: string | null; environment?: string }
type CompareCommit = { sha: string; commit: { author: { date?: string } | null; committer: { date?: string } | null; message: string } }

// The window's deployments, oldest first (the API lists newest first: paging stops at the window's start).
export async function listWindowDeployments(ctx: BackfillContext): Promise<GithubDeployment[]> {
  const { github, owner, repo, since } = ctx
  const deployments: GithubDeployment[] = []
  for await (const page of github.paginate.iterator('GET /repos/{owner}/{repo}/deployments', { owner, repo, per_page: 100 })) {
    ctx.track(page.headers)
    const rows = page.data as unknown as GithubDeployment[]
    deployments.push(...rows.filter((d) => new Date(d.created_at) >= since))
    if (rows.some((d) => new Date(d.created_at) < since)) break
  }
  return deployments.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
}

// Each deployment with its latest status and, for a success, the commits it carried (GitHub's compare
// with the previous successful deployment to the same environment). Deployments up to the cursor were
// stored by an earlier run: they are only read for that previous sha.
export async function importDeployments(ctx: BackfillContext, deployments: GithubDeployment[]): Promise<void> {
  const { github, owner, repo } = ctx
  const lastSuccess = new Map<string, string>() // environment -> sha of the last successful deployment seen
  for (const d of deployments) {
    const statuses = await github.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner, repo, deployment_id: d.id, per_page: 1 })
    ctx.track(statuses.headers)
    const latest = (statuses.data as unknown as Status[])[0]
    const mapping = { repository: ctx.repository, incidentLabel: ctx.incidentLabel }
    const action = latest
      ? mapGithubEvent('deployment_status', { action: 'created', deployment: d, deployment_status: latest, repository: ctx.repositoryRef }, mapping)
      : mapGithubEvent('deployment', { action: 'created', deployment: d, repository: ctx.repositoryRef }, mapping)
    if (action.kind !== 'deployment') {
      await ctx.step('skipped')
      continue
    }
    const input = action.input
    const environment = input.environment.name
    const alreadyImported = ctx.cursors.deployments !== null && new Date(d.created_at) <= ctx.cursors.deployments
    if (input.status === 'success' && input.sha) {
      if (!alreadyImported) input.commits = await ownCommits(ctx, await carriedCommits(ctx, lastSuccess.get(environment), input.sha))
      lastSuccess.set(environment, input.sha)
    }
    if (alreadyImported) {
      await ctx.step('skipped')
      continue
    }
    const { outcome } = await ingestDeployments(ctx.caller, [input], { raw: JSON.stringify({ githubBackfill: ctx.fullName, deployment: d.id }), receivedAt: new Date(), kind: `github:${ctx.mode}` })
    // only an import moves the cursor: a reconciliation's recent window says nothing about older history
    if (ctx.mode === 'import') await advanceBackfillCursor(ctx.connectionId, ctx.fullName, 'deployments', new Date(d.created_at))
    await ctx.step(outcome)
  }
}

// A monorepo's commits go to the services whose paths they touch (each commit's files, one request per
// commit: the compare lists only the comparison's files); the deployment keeps its own service's.
async function ownCommits(ctx: BackfillContext, commits: CommitInput[]): Promise<CommitInput[]> {
  if (!ctx.services.some((s) => s.pathPrefixes.length > 0)) return commits
  const paths: Record<string, string[]> = {}
  for (const c of commits) {
    const res = await ctx.github.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner: ctx.owner, repo: ctx.repo, ref: c.sha })
    ctx.track(res.headers)
    paths[c.sha] = ((res.data as unknown as { files?: { filename: string }[] }).files ?? []).map((f) => f.filename)
  }
  const routed = routeCommits(ctx.services, commits, paths)
  const request = { raw: JSON.stringify({ githubBackfill: ctx.fullName, commits: commits.length }), receivedAt: new Date(), kind: `github:${ctx.mode}` }
  await applyGithubAction({ kind: 'changes', commits, paths }, ctx.caller, request, ctx.repository, ctx.services)
  return routed.find((r) => r.serviceId === ctx.repository.serviceId)!.commits
}

// The commits between the previous successful deployment's sha and this one (GitHub's compare), with
// their times; the first deployment in the window carries just its own commit.
async function carriedCommits(ctx: BackfillContext, base: string | undefined, head: string): Promise<CommitInput[]> {
  const { github, owner, repo } = ctx
  if (base === head) return []
  const toInput = (c: CompareCommit): CommitInput => {
    const at = c.commit.committer?.date ?? c.commit.author?.date
    return { sha: c.sha.toLowerCase(), committedAt: at ? new Date(at) : undefined, message: c.commit.message.slice(0, 20_000) }
  }
  if (!base) {
    const res = await github.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: head })
    ctx.track(res.headers)
    return [toInput(res.data as unknown as CompareCommit)]
  }
  const commits: CommitInput[] = []
  for await (const page of github.paginate.iterator('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead: `${base}...${head}`, per_page: 100 })) {
    ctx.track(page.headers)
    commits.push(...((page.data as unknown as { commits: CompareCommit[] }).commits ?? []).map(toInput))
  }
  return commits
}
