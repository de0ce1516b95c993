import { z } from 'zod'
import { isoDateTime, shaSchema, slugSchema, urlSchema } from '@/lib/validation/common'

const count = z.number().int().min(0).max(2_147_483_647)
const label = z.string().trim().min(1).max(200)

// What Plimsoll keeps of a pull request (or merge request): each time is the earliest heard of, so a
// field left out keeps what is stored and a later post never moves a time forward (docs/metrics.md,
// "Lead time stages"). Shared by POST /api/v1/pull-requests and the GitHub and GitLab mappings.
export const pullRequestBodySchema = z
  .strictObject({
    service: slugSchema,
    number: z.number().int().positive().max(2_147_483_647).describe('The pull request number (GitLab: the merge request iid).'),
    title: z.string().trim().max(500).optional(),
    url: urlSchema.optional(),
    author: z.string().trim().min(1).max(200).optional().describe('The author login.'),
    authorIsBot: z.boolean().optional().describe('true when the host marks the author as a bot (GitHub type Bot, GitLab bot users).'),
    firstCommitAt: isoDateTime.optional().describe('The first commit of the pull request: where the coding stage starts.'),
    openedAt: isoDateTime.optional(),
    readyAt: isoDateTime.optional().describe('When it was first ready for review (opened ready, or taken out of draft).'),
    firstReviewAt: isoDateTime.optional().describe('The first review by someone other than the author.'),
    approvedAt: isoDateTime.optional().describe('The first approval.'),
    mergedAt: isoDateTime.optional(),
    closedAt: isoDateTime.optional(),
    mergeSha: shaSchema.optional().describe('The merge commit: it is linked to this pull request (its change gets the number).'),
    additions: count.optional(),
    deletions: count.optional(),
    changedFiles: count.optional(),
    labels: z.array(label).max(100).optional(),
  })
  .superRefine((b, ctx) => {
    // a draft may be reviewed before it is ready, so only the opening bounds the other times
    for (const later of ['readyAt', 'firstReviewAt', 'approvedAt', 'mergedAt', 'closedAt'] as const) {
      const t = b[later]
      if (t && b.openedAt && t < b.openedAt) ctx.addIssue({ code: 'custom', path: [later], message: 'must not be before openedAt' })
    }
    if (b.firstCommitAt && b.mergedAt && b.mergedAt < b.firstCommitAt) {
      ctx.addIssue({ code: 'custom', path: ['mergedAt'], message: 'must not be before firstCommitAt' })
    }
  })
export type PullRequestBody = z.infer<typeof pullRequestBodySchema>

// The facts one event or import gives, for one service's pull request (service resolved by the caller).
export type PullRequestFacts = Omit<PullRequestBody, 'service' | 'number' | 'mergeSha'> & {
  source: 'github' | 'gitlab' | 'api'
  // when the payload describing title, author, labels and size was current (the newest wins)
  factsAt?: Date
}
