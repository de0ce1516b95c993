import { z } from 'zod'
import {
  environmentTierSchema,
  externalIdSchema,
  isoDateTime,
  limitSchema,
  cursorSchema,
  shaSchema,
  slugSchema,
  urlSchema,
} from '@/lib/validation/common'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import { strategyFilterSchema } from '@/lib/validation/strategy-filter'
import { rolloutSchema, rolloutTimes } from '@/lib/validation/rollout'

export const deploymentStatusSchema = z.enum(['success', 'failure', 'in_progress', 'cancelled'])
export const deploymentStrategySchema = z.enum(deploymentStrategies)
export type DeploymentStatus = z.infer<typeof deploymentStatusSchema>
export type DeploymentStrategy = z.infer<typeof deploymentStrategySchema>

export const commitSchema = z.strictObject({
  sha: shaSchema,
  authoredAt: isoDateTime.optional(),
  committedAt: isoDateTime.optional(),
  message: z.string().max(20_000).optional(),
  prNumber: z.number().int().positive().max(2_147_483_647).optional(),
  prOpenedAt: isoDateTime.optional(),
  prMergedAt: isoDateTime.optional(),
})
export type CommitInput = z.infer<typeof commitSchema>

export const deploymentBodySchema = z
  .strictObject({
    id: externalIdSchema.describe('Your id for this deployment; replays with the same id are idempotent.'),
    service: slugSchema.describe('Service slug; created in the token\'s team on first sight.'),
    serviceName: z.string().trim().min(1).max(200).optional(),
    repositoryUrl: urlSchema.optional(),
    environment: slugSchema.describe('Environment name, e.g. production or prod-eu-west-1.'),
    environmentTier: environmentTierSchema
      .optional()
      .describe('Needed only for a new environment whose tier cannot be inferred from its name.'),
    status: deploymentStatusSchema,
    startedAt: isoDateTime.optional(),
    finishedAt: isoDateTime.optional().describe('Defaults to the time of the request for a finished status.'),
    sha: shaSchema.optional(),
    ref: z.string().trim().min(1).max(500).optional(),
    version: z.string().trim().min(1).max(200).optional()
      .describe('What was deployed, e.g. 1.4.2; the image reference with its digest (registry/app@sha256:...) links the scans of that image.'),
    strategy: deploymentStrategySchema.optional(),
    rollout: rolloutSchema.optional().describe('A progressive rollout: traffic steps, readiness, promotion or abort, highest traffic share.'),
    rollback: z.boolean().optional(),
    hotfix: z.boolean().optional(),
    url: urlSchema.optional(),
    triggeredBy: z.string().trim().min(1).max(200).optional(),
    commits: z.array(commitSchema).max(5_000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.startedAt instanceof Date && d.finishedAt instanceof Date && d.finishedAt < d.startedAt) {
      ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: 'must not be before startedAt' })
    }
    if (d.status === 'in_progress' && d.finishedAt) {
      ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: 'must be absent while status is in_progress' })
    }
    if (d.rollout) checkRolloutWithin(d, d.rollout, ctx)
  })

// A rollout lies within its deployment, and an aborted one is a failed deployment.
function checkRolloutWithin(d: { status: string; startedAt?: unknown; finishedAt?: unknown }, rollout: Parameters<typeof rolloutTimes>[0], ctx: z.RefinementCtx) {
  for (const { path, at } of rolloutTimes(rollout)) {
    if (!(at instanceof Date)) continue
    if (d.startedAt instanceof Date && at < d.startedAt) ctx.addIssue({ code: 'custom', path: ['rollout', ...path], message: 'must not be before startedAt' })
    if (d.finishedAt instanceof Date && at > d.finishedAt) ctx.addIssue({ code: 'custom', path: ['rollout', ...path], message: 'must not be after finishedAt' })
  }
  if (rollout.abortedAt && d.status !== 'failure') ctx.addIssue({ code: 'custom', path: ['status'], message: 'must be failure for an aborted rollout' })
}
export type DeploymentBody = z.infer<typeof deploymentBodySchema>

export const listDeploymentsQuery = z.strictObject({
  team: slugSchema.optional().describe('Team slug; a team token reads its own team, a signed-in person names one.'),
  service: slugSchema.optional(),
  environment: slugSchema.optional(),
  status: deploymentStatusSchema.optional(),
  strategy: strategyFilterSchema,
  from: isoDateTime.optional().describe('Inclusive lower bound on finishedAt.'),
  to: isoDateTime.optional().describe('Exclusive upper bound on finishedAt.'),
  limit: limitSchema,
  cursor: cursorSchema,
})
export type ListDeploymentsQuery = z.infer<typeof listDeploymentsQuery>
