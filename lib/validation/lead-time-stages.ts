import { z } from 'zod'

const seconds = z.number().nullable().describe('seconds; null: no data')
const summary = z.object({
  median: seconds, p75: seconds, p90: seconds,
  n: z.number().int().describe('how many pull requests (deploy: and changes without one) have this stage'),
  note: z.string().nullable().describe('"no data", or the minimum-sample shortfall (the figures are still shown with their n)'),
})
const stage = z.object({ summary, series: z.array(summary.extend({ bucket: z.string(), start: z.date(), end: z.date() })) })

// GET /api/v1/metrics' leadTimeStages (docs/metrics.md, "Lead time stages"), for the OpenAPI document.
export const leadTimeStagesDtoSchema = z.object({
  definition: z.string(),
  stages: z.object({ coding: stage, pickup: stage, review: stage, deploy: stage }),
  pullRequests: z.number().int().describe('pull requests first deployed to a scoped environment in the window'),
  bySize: z.object({
    bands: z.array(summary.extend({ band: z.enum(['< 50', '50-200', '200-800', '> 800']).describe('changed lines (additions + deletions)') }))
      .describe('lead time of pull requests (first commit to first deployment) per size band'),
    unknownSize: z.number().int().describe('pull requests of the window without a known size (GitLab, or not read yet)'),
  }),
  withoutPullRequest: z.object({
    changes: z.number().int().describe('changes first deployed in the window that belong to no pull request (deploy stage only)'),
    share: z.number().nullable().describe('their share of pull requests and such changes; null: neither'),
  }),
})
