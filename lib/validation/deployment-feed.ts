import { z } from 'zod'
import { filterText, slugSchema } from '@/lib/validation/common'

export const DEPLOYMENT_STATUSES = ['success', 'failure', 'in_progress', 'cancelled'] as const

// GET /api/dashboard/deployments and the /deployments page: the feed's filters ('' = any).
export const deploymentFeedQuery = z.object({
  service: z.union([z.literal(''), slugSchema]).optional(),
  environment: filterText(100).optional(),
  status: z.union([z.literal(''), z.enum(DEPLOYMENT_STATUSES)]).optional(),
}).strict()
export type DeploymentFeedQuery = z.infer<typeof deploymentFeedQuery>

// The feed's rows as JSON carries them (times as ISO strings), back to Dates in the browser.
export const recentDeploymentDto = z.object({
  id: z.number(), service: z.string(), environment: z.string(), externalId: z.string(), status: z.string(),
  strategy: z.string(), version: z.string().nullable(), startedAt: z.coerce.date().nullable(),
  finishedAt: z.coerce.date().nullable(), durationSeconds: z.number().nullable(), rollback: z.boolean(),
  hotfix: z.boolean(), url: z.string().nullable(),
})
export const deploymentFeedDto = z.object({ deployments: z.array(recentDeploymentDto), asOf: z.coerce.date() })
