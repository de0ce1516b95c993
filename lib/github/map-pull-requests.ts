import type { GithubPullRequest } from '@/lib/github/event-schemas'
import type { CommitInput } from '@/lib/validation/deployments'
import type { PullRequestFacts } from '@/lib/validation/pull-requests'

// A pull request's facts for the store (lib/queries/upsert-pull-request.ts), plus its merge commit's
// link (the change gets the PR number, opened and merged times) once it is merged.
export type PullRequestAction = { kind: 'pullRequest'; number: number; facts: PullRequestFacts; commits: CommitInput[] }

const at = (s: string | null | undefined) => (s ? new Date(s) : undefined)
const SIZE_MAX = 2_147_483_647
const size = (n: number | undefined) => (n === undefined ? undefined : Math.min(Math.max(0, n), SIZE_MAX))

// What any payload's pull request object says, whatever the action: author (GitHub marks apps' accounts
// `type: Bot`), size, labels as of its updated_at, and the times it carries itself.
export function describePullRequest(pr: GithubPullRequest): PullRequestFacts {
  return {
    source: 'github', title: pr.title?.slice(0, 500), url: pr.html_url, author: pr.user?.login, authorIsBot: pr.user?.type === 'Bot',
    openedAt: at(pr.created_at), mergedAt: at(pr.merged_at), closedAt: at(pr.closed_at),
    additions: size(pr.additions), deletions: size(pr.deletions), changedFiles: size(pr.changed_files),
    labels: pr.labels?.map((l) => l.name.slice(0, 200)), factsAt: at(pr.updated_at),
  }
}

// `pull_request` opened / ready_for_review / converted_to_draft / closed. Ready for review is the first
// time it was: opened as a non-draft (its creation), or taken out of draft (the event's updated_at).
// Turning it back into a draft does not move that time (the pickup wait started then).
export function pullRequestAction(action: string, pr: GithubPullRequest): PullRequestAction | { reason: string } {
  if (!['opened', 'ready_for_review', 'converted_to_draft', 'closed'].includes(action)) return { reason: `pull request ${action}` }
  const facts = describePullRequest(pr)
  if (action === 'opened' && pr.draft !== true) facts.readyAt = facts.openedAt
  if (action === 'ready_for_review') facts.readyAt = at(pr.updated_at)
  const merged = action === 'closed' && pr.merged_at && pr.merge_commit_sha
  const commits = merged
    ? [{ sha: pr.merge_commit_sha!.toLowerCase(), prNumber: pr.number, prOpenedAt: new Date(pr.created_at), prMergedAt: new Date(pr.merged_at!) }]
    : []
  return { kind: 'pullRequest', number: pr.number, facts, commits }
}

// `pull_request_review` submitted: the first review by someone other than the author (a bot's review
// does not pick a pull request up), and the first approval.
export function pullRequestReviewAction(
  action: string, review: { state: string; submitted_at?: string | null; user?: { login: string; type?: string } | null }, pr: GithubPullRequest,
): PullRequestAction | { reason: string } {
  if (action !== 'submitted') return { reason: `review ${action}` }
  const state = review.state.toLowerCase()
  if (!review.submitted_at || state === 'pending') return { reason: 'a pending review' }
  if (review.user?.login && review.user.login === pr.user?.login) return { reason: "the author's own review" }
  if (review.user?.type === 'Bot') return { reason: `a review by the bot ${review.user.login}` }
  const facts = describePullRequest(pr)
  facts.firstReviewAt = new Date(review.submitted_at)
  if (state === 'approved') facts.approvedAt = facts.firstReviewAt
  return { kind: 'pullRequest', number: pr.number, facts, commits: [] }
}
