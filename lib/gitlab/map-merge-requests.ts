import type { GitlabMergeRequestEvent } from '@/lib/gitlab/event-schemas'
import type { PullRequestAction } from '@/lib/github/map-pull-requests'
import type { PullRequestFacts } from '@/lib/validation/pull-requests'

// GitLab's project and group access tokens act as bot users named project_<id>_bot_<hash> / group_<id>_bot_<hash>
// (GitLab docs, "Bot users for projects"); the webhook payload has no bot flag of its own.
export const GITLAB_BOT = /^(project|group)_\d+_bot(_[0-9a-f]+)?$/i

// A "Merge Request Hook" as a pull request's facts (lib/github/map-pull-requests.ts): open (ready at once
// unless a draft), update taking it out of draft (ready then), approved/approval (its first review and
// approval, by someone other than its author), merge (merged then: the payload has no merged_at, the
// event's updated_at is when), close. The author's name is known when the author acts (open).
export function mergeRequestAction(e: GitlabMergeRequestEvent): PullRequestAction | { reason: string } {
  const mr = e.object_attributes
  const action = mr.action ?? ''
  const actorIsAuthor = e.user?.id != null && e.user.id === mr.author_id
  const draft = mr.draft ?? mr.work_in_progress ?? false
  const facts: PullRequestFacts = {
    source: 'gitlab', title: mr.title?.slice(0, 500) ?? undefined, url: mr.url ?? undefined, openedAt: mr.created_at, factsAt: mr.updated_at,
    author: actorIsAuthor ? (e.user?.username ?? undefined) : undefined, authorIsBot: actorIsAuthor && GITLAB_BOT.test(e.user?.username ?? ''),
    labels: (mr.labels ?? e.labels ?? undefined)?.map((l) => l.title.slice(0, 200)),
  }
  const commits: PullRequestAction['commits'] = []
  switch (action) {
    case 'open':
    case 'reopen':
      if (!draft) facts.readyAt = mr.created_at
      break
    case 'update':
      if (e.changes?.draft?.previous === true && e.changes.draft.current === false) facts.readyAt = mr.updated_at
      break
    case 'approved':
    case 'approval':
      if (actorIsAuthor) return { reason: "the author's own approval" }
      facts.firstReviewAt = mr.updated_at
      facts.approvedAt = mr.updated_at
      break
    case 'merge': {
      facts.mergedAt = mr.updated_at
      const sha = mr.merge_commit_sha ?? mr.last_commit?.id
      if (sha) commits.push({ sha: sha.toLowerCase(), prNumber: mr.iid, prOpenedAt: mr.created_at, prMergedAt: mr.updated_at })
      break
    }
    case 'close':
      facts.closedAt = mr.updated_at
      break
    default:
      return { reason: `merge request ${action || mr.state}` }
  }
  return { kind: 'pullRequest', number: mr.iid, facts, commits }
}
