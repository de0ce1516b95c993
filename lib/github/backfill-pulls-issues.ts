import { applyGithubAction } from '@/lib/github/apply-action'
import { mapGithubEvent } from '@/lib/github/map-events'
import type { PullRequestAction } from '@/lib/github/map-pull-requests'
import { readPullRequestDetails } from '@/lib/github/pull-request-details'
import type { BackfillContext } from '@/lib/github/backfill'
import { advanceBackfillCursor, type BackfillKind } from '@/lib/queries/github-backfill'

type PullRequest = { number: number; created_at: string; updated_at: string; merged_at: string | null; merge_commit_sha: string | null }
type Issue = { number: number; title: string; body?: string | null; html_url: string; state: string; created_at: string; updated_at: string; closed_at?: string | null; labels: ({ name: string } | string)[]; pull_request?: unknown }

const later = (a: Date, b: Date | null) => (b && b > a ? b : a)

// Merged pull requests of the window not imported yet, least recently updated first. The API has no
// `since` for pulls: list by update time, newest first, and stop at the cursor or the window's start.
export async function listMergedPulls(ctx: BackfillContext): Promise<PullRequest[]> {
  const { github, owner, repo } = ctx
  const from = later(ctx.since, ctx.cursors.pulls)
  const pulls: PullRequest[] = []
  for await (const page of github.paginate.iterator('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'closed', sort: 'updated', direction: 'desc', per_page: 100 })) {
    ctx.track(page.headers)
    const rows = page.data as unknown as PullRequest[]
    pulls.push(...rows.filter((p) => new Date(p.updated_at) >= from && p.merged_at && new Date(p.merged_at) >= ctx.since))
    if (rows.some((p) => new Date(p.updated_at) < from)) break
  }
  return pulls.sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.number - b.number)
}

// Issues with the incident label updated in the window (or since the cursor), least recently updated
// first; GitHub's issue list also holds pull requests, which are left out.
export async function listIncidentIssues(ctx: BackfillContext): Promise<Issue[]> {
  const { github, owner, repo } = ctx
  const since = later(ctx.since, ctx.cursors.issues).toISOString()
  const issues: Issue[] = []
  for await (const page of github.paginate.iterator('GET /repos/{owner}/{repo}/issues', { owner, repo, labels: ctx.incidentLabel, state: 'all', sort: 'updated', direction: 'asc', since, per_page: 100 })) {
    ctx.track(page.headers)
    issues.push(...(page.data as unknown as Issue[]).filter((i) => !i.pull_request))
  }
  return issues
}

// A merged pull request, as the `pull_request` and `pull_request_review` webhooks store it: its merge
// commit gets the PR number, opened and merged times, and its own row its stage times and size.
export async function importPulls(ctx: BackfillContext, pulls: PullRequest[]): Promise<void> {
  for (const pr of pulls) {
    const details = await readPullRequestDetails(ctx, pr.number)
    const payload = { action: 'closed', pull_request: { ...pr, ...details.pr }, repository: ctx.repositoryRef }
    await importOne(ctx, 'pulls', pr.updated_at, 'pull_request', payload, `pull ${pr.number}`, details.apply)
  }
}

// An incident issue, as the `issues` webhook stores it: open -> incident, closed -> resolved.
export async function importIssues(ctx: BackfillContext, issues: Issue[]): Promise<void> {
  for (const issue of issues) {
    const labels = issue.labels.map((l) => (typeof l === 'string' ? { name: l } : l))
    const action = issue.state === 'closed' ? 'closed' : 'opened'
    await importOne(ctx, 'issues', issue.updated_at, 'issues', { action, issue: { ...issue, labels }, repository: ctx.repositoryRef }, `issue ${issue.number}`)
  }
}

async function importOne(
  ctx: BackfillContext, kind: BackfillKind, updatedAt: string, event: string, payload: unknown, what: string, enrich?: (a: PullRequestAction) => void,
): Promise<void> {
  const action = mapGithubEvent(event, payload, { repository: ctx.repository, incidentLabel: ctx.incidentLabel })
  if (action.kind === 'ignored') return ctx.step('skipped')
  if (action.kind === 'pullRequest') enrich?.(action)
  const request = { raw: JSON.stringify({ githubBackfill: ctx.fullName, [kind]: what }), receivedAt: new Date(), kind: `github:${ctx.mode}` }
  const { outcome } = await applyGithubAction(action, ctx.caller, request, ctx.repository, ctx.services)
  if (ctx.mode === 'import') await advanceBackfillCursor(ctx.connectionId, ctx.fullName, kind, new Date(updatedAt))
  await ctx.step(outcome)
}
