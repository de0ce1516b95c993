import type { Caller } from '@/lib/auth/resolve-caller'
import type { GitHubClient } from '@/lib/github/github-client'
import { importDeployments, listWindowDeployments } from '@/lib/github/backfill-deployments'
import { importIssues, importPulls, listIncidentIssues, listMergedPulls } from '@/lib/github/backfill-pulls-issues'
import { finishBackfillProgress, getBackfillCursors, recordBackfillProgress, startBackfillProgress, type BackfillCursors } from '@/lib/queries/github-backfill'
import { getGithubConnection, listRepositoryServices, type MappedRepository } from '@/lib/queries/github-connections'
import { validationError } from '@/lib/http/app-error'

export type BackfillProgress = {
  done: number; total: number; skipped: number; rateRemaining: number | null
  // rows that were not stored yet (a reconciliation's gaps: webhooks that never arrived: deployments
  // and incidents), and stored ones the API corrected
  created: number; updated: number
}

// What every part of one import shares.
export type BackfillContext = {
  github: GitHubClient; connectionId: number; fullName: string; owner: string; repo: string
  since: Date; mode: 'import' | 'reconcile'; cursors: BackfillCursors; caller: Caller
  // the repository's services, the one its deployments and issues go to first (monorepos: several)
  repository: MappedRepository; services: MappedRepository[]; incidentLabel: string; repositoryRef: { full_name: string; html_url: string }
  // notes the API quota left from each response's headers
  track: (headers: Record<string, unknown>) => void
  // after each item: counts it, persists the progress, reports it
  step: (outcome?: 'created' | 'updated' | 'unchanged' | 'skipped') => Promise<void>
}

const DAY_MS = 86_400_000

// Imports a repository's last `days` days through the REST API, as the webhooks would have delivered
// them (same source and ids, so live and imported data never double): deployments with their statuses
// and the commits each carried, then merged pull requests (linking commits to them), then issues
// labelled as incidents. Each list has its own cursor, advanced after every stored item: an
// interrupted import resumes after the last one, and a repeated one changes nothing. The progress
// (items done, rate, API quota left) is kept in github_backfill while it runs.
// Reconciliation ('reconcile') reads the same lists ignoring the cursors: every item is written again
// (a no-op when nothing changed), and the deployments and incidents that were missing are counted.
export async function backfillRepository(opts: {
  github: GitHubClient; connectionId: number; fullName: string; days?: number; now?: Date; mode?: 'import' | 'reconcile'
  onProgress?: (p: BackfillProgress) => void | Promise<void>
}): Promise<BackfillProgress> {
  const [owner, repo] = opts.fullName.split('/')
  if (!owner || !repo) throw validationError([{ path: 'repository', message: 'must be owner/name' }])
  const connection = await getGithubConnection({ id: opts.connectionId })
  if (!connection) throw validationError([{ path: 'connection', message: `no connection ${opts.connectionId}` }])
  const services = await listRepositoryServices(opts.connectionId, opts.fullName)
  const repository = services[0]
  if (!repository) throw validationError([{ path: 'repository', message: `${opts.fullName} is not mapped to a service (npm run github -- map)` }])
  const mode = opts.mode ?? 'import'
  const persist = mode === 'import'
  const progress: BackfillProgress = { done: 0, total: 0, skipped: 0, rateRemaining: null, created: 0, updated: 0 }
  const started = Date.now()
  const ctx: BackfillContext = {
    github: opts.github, connectionId: opts.connectionId, fullName: opts.fullName, owner, repo, mode, repository, services,
    since: new Date((opts.now ?? new Date()).getTime() - (opts.days ?? 90) * DAY_MS),
    cursors: persist ? await getBackfillCursors(opts.connectionId, opts.fullName) : { deployments: null, pulls: null, issues: null },
    caller: { tokenId: null, teamId: connection.teamId, teamSlug: connection.teamSlug },
    incidentLabel: connection.incidentLabel, repositoryRef: { full_name: opts.fullName, html_url: `https://github.com/${opts.fullName}` },
    track: (headers) => {
      const r = Number(headers['x-ratelimit-remaining'])
      if (headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(r)) progress.rateRemaining = r
    },
    step: async (outcome) => {
      if (outcome === 'created') progress.created++
      else if (outcome === 'updated') progress.updated++
      else if (outcome === 'skipped') progress.skipped++
      progress.done++
      if (persist) await recordBackfillProgress(opts.connectionId, opts.fullName, { ...progress, rate: progress.done / Math.max(0.001, (Date.now() - started) / 1000) })
      await opts.onProgress?.({ ...progress })
    },
  }

  const deployments = await listWindowDeployments(ctx)
  const pulls = await listMergedPulls(ctx)
  const issues = await listIncidentIssues(ctx)
  progress.total = deployments.length + pulls.length + issues.length
  if (persist) await startBackfillProgress(opts.connectionId, opts.fullName, progress.total)
  // deployments first: an incident naming a sha links to the deployment that carried it
  await importDeployments(ctx, deployments)
  await importPulls(ctx, pulls)
  await importIssues(ctx, issues)
  if (persist) await finishBackfillProgress(opts.connectionId, opts.fullName)
  return progress
}
