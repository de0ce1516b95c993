import type { BackfillContext } from '@/lib/github/backfill'
import type { GithubPullRequest } from '@/lib/github/event-schemas'
import { pullRequestReviewAction, type PullRequestAction } from '@/lib/github/map-pull-requests'

type TimelineEvent = { event?: string; created_at?: string; submitted_at?: string; state?: string; user?: { login: string; type?: string } | null }
type PullCommit = { commit: { author?: { date?: string } | null; committer?: { date?: string } | null } }

// What the `pull_request` and `pull_request_review` webhooks would have told about a merged pull
// request, read back through the REST API for an import or the hourly re-reading: its size and author
// (GET /pulls/{n}; the list has no size), when it was first ready for review and its reviews (the
// issue timeline: `ready_for_review` and `reviewed` events, one list), and its first commit (GET
// /pulls/{n}/commits lists them oldest first), which no webhook carries. Three requests per pull request.
export async function readPullRequestDetails(ctx: BackfillContext, number: number): Promise<{ pr: GithubPullRequest; apply: (a: PullRequestAction) => void }> {
  const { github, owner, repo } = ctx
  const detail = await github.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: number })
  ctx.track(detail.headers)
  const pr = detail.data as unknown as GithubPullRequest
  const timeline: TimelineEvent[] = []
  const timelineRoute = 'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline' as const
  for await (const page of github.paginate.iterator(timelineRoute, { owner, repo, issue_number: number, per_page: 100 })) {
    ctx.track(page.headers)
    timeline.push(...(page.data as unknown as TimelineEvent[]))
  }
  const commits = await github.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { owner, repo, pull_number: number, per_page: 1 })
  ctx.track(commits.headers)
  const first = (commits.data as unknown as PullCommit[])[0]?.commit
  const firstCommitAt = first?.author?.date ?? first?.committer?.date
  const readyEvents = timeline.filter((e) => e.event === 'ready_for_review' && e.created_at).map((e) => e.created_at!).sort()
  return {
    pr,
    apply: (action) => {
      const f = action.facts
      // never taken out of draft: it was ready when opened (a draft still open is not merged)
      f.readyAt = readyEvents[0] ? new Date(readyEvents[0]) : f.openedAt
      if (firstCommitAt) f.firstCommitAt = new Date(firstCommitAt)
      for (const e of timeline.filter((t) => t.event === 'reviewed')) {
        const r = pullRequestReviewAction('submitted', { state: e.state ?? '', submitted_at: e.submitted_at, user: e.user }, pr)
        if ('reason' in r) continue
        f.firstReviewAt = earliest(f.firstReviewAt, r.facts.firstReviewAt)
        f.approvedAt = earliest(f.approvedAt, r.facts.approvedAt)
      }
    },
  }
}

const earliest = (a: Date | undefined, b: Date | undefined) => (a && b ? (a < b ? a : b) : (a ?? b))
