import { z } from 'zod'
import { filterText, slugSchema } from '@/lib/validation/common'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import { timeZoneSchema } from '@/lib/validation/metrics'

export const DEPLOYMENT_STATUSES = ['success', 'failure', 'in_progress', 'cancelled'] as const

const day = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real date')])

// GET /api/dashboard/deployments and the /deployments page: the feed's filters ('' = any). from and to are
// days in tz (the page's zone: the browser's unless the URL names one; UTC for the API), both included, on
// the finish time; cursor is the nextCursor of the page before. team names which service when teams share
// its slug (slugs are unique per team only), or narrows the feed to one team.
const feedShape = {
  team: z.union([z.literal(''), slugSchema]).optional(),
  service: z.union([z.literal(''), slugSchema]).optional(),
  environment: filterText(100).optional(),
  status: z.union([z.literal(''), z.enum(DEPLOYMENT_STATUSES)]).optional(),
  strategy: z.union([z.literal(''), z.enum(deploymentStrategies)]).optional(),
  from: day.optional(),
  to: day.optional(),
  cursor: z.string().max(200).optional(),
  tz: timeZoneSchema.optional(),
}
function checkDays(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' })
}
export const deploymentFeedQuery = z.strictObject(feedShape).superRefine(checkDays)
export type DeploymentFeedQuery = z.infer<typeof deploymentFeedQuery>

// The route's query: the feed's filters and the answer's format (csv: every page of those filters).
export const deploymentFeedRouteQuery = z.strictObject({ ...feedShape, format: z.enum(['json', 'csv']).default('json') }).superRefine(checkDays)

// The feed's rows as JSON carries them (times as ISO strings), back to Dates in the browser.
export const recentDeploymentDto = z.object({
  id: z.number(), service: z.string(), environment: z.string(), externalId: z.string(), status: z.string(),
  strategy: z.string(), version: z.string().nullable(), startedAt: z.coerce.date().nullable(),
  finishedAt: z.coerce.date().nullable(), durationSeconds: z.number().nullable(), rollback: z.boolean(), rolledBack: z.boolean(),
  hotfix: z.boolean(), url: z.string().nullable(),
})
export const deploymentFeedDto = z.object({ deployments: z.array(recentDeploymentDto), asOf: z.coerce.date(), nextCursor: z.string().nullable() })
