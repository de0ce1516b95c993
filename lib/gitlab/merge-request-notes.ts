import { z } from 'zod'
import { gitlabList, type GitlabApi } from '@/lib/gitlab/gitlab-api'
import { parseGitlabTime } from '@/lib/gitlab/gitlab-time'
import { GITLAB_BOT } from '@/lib/gitlab/map-merge-requests'
import type { PullRequestFacts } from '@/lib/validation/pull-requests'

const time = z.string().transform((s) => parseGitlabTime(s))
export const mergeRequestItem = z.object({
  iid: z.number().int(), created_at: time, merged_at: time.nullish(), updated_at: time.nullish(), merge_commit_sha: z.string().nullish(),
  squash_commit_sha: z.string().nullish(), sha: z.string().nullish(), title: z.string().nullish(), web_url: z.string().nullish(),
  labels: z.array(z.string()).nullish(), author: z.object({ id: z.number().int(), username: z.string(), bot: z.boolean().nullish() }).nullish(),
})
const noteItem = z.object({ body: z.string(), system: z.boolean(), created_at: time, author: z.object({ id: z.number().int() }).nullish() })

// What the Merge Request Hook would have told of a merged merge request, read back for an import: its
// author, title, labels, and from its system notes (one list, oldest first) when it was first marked
// ready ("marked this merge request as **ready**"; none: ready when opened) and first approved by
// someone other than its author ("approved this merge request"): its first review, as for the webhook.
export async function mergeRequestFacts(api: GitlabApi, project: string, mr: z.infer<typeof mergeRequestItem>): Promise<PullRequestFacts> {
  const notes = await gitlabList(api, `${project}/merge_requests/${mr.iid}/notes`, { sort: 'asc', order_by: 'created_at' }, noteItem)
  const system = notes.filter((n) => n.system).sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
  const ready = system.find((n) => /marked this merge request as \*\*ready\*\*|marked as ready/i.test(n.body))
  const approved = system.find((n) => /^approved this merge request/i.test(n.body) && n.author?.id !== mr.author?.id)
  return {
    source: 'gitlab', title: mr.title?.slice(0, 500) ?? undefined, url: mr.web_url ?? undefined, author: mr.author?.username,
    authorIsBot: mr.author ? mr.author.bot === true || GITLAB_BOT.test(mr.author.username) : undefined,
    labels: mr.labels?.map((l) => l.slice(0, 200)) ?? undefined, openedAt: mr.created_at, mergedAt: mr.merged_at ?? undefined,
    readyAt: ready?.created_at ?? mr.created_at, firstReviewAt: approved?.created_at, approvedAt: approved?.created_at,
    factsAt: mr.updated_at ?? undefined,
  }
}
