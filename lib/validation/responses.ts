import { z } from 'zod'
import { environmentTierSchema } from '@/lib/validation/common'
import { deploymentStatusSchema, deploymentStrategySchema } from '@/lib/validation/deployments'
import { incidentSeveritySchema } from '@/lib/validation/incidents'

// What the API returns; these types are what lib/queries produce, and the OpenAPI document shows them.
export const outcomeSchema = z.enum(['created', 'updated', 'unchanged']).describe('created (201), updated or unchanged (200: an idempotent replay).')

const isoTime = z.iso.datetime({ offset: true })
export const rolloutDtoSchema = z.object({
  steps: z.array(z.object({ weight: z.number(), startedAt: isoTime })),
  readyAt: isoTime.nullable(),
  promotedAt: isoTime.nullable(),
  abortedAt: isoTime.nullable(),
  maxWeight: z.number().nullable().describe('The highest traffic share (percent) reached: a failed deployment\'s blast radius.'),
}).nullable().describe('The progressive rollout, when one was reported (issue 22); null otherwise.')

export const deploymentDtoSchema = z.object({
  id: z.number().int(),
  service: z.string(),
  environment: z.string(),
  environmentTier: environmentTierSchema,
  source: z.string().describe('api, devlake, github, demo, ...'),
  externalId: z.string(),
  status: deploymentStatusSchema,
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  sha: z.string().nullable(),
  ref: z.string().nullable(),
  version: z.string().nullable(),
  strategy: deploymentStrategySchema,
  rollout: rolloutDtoSchema,
  rollback: z.boolean(),
  hotfix: z.boolean(),
  url: z.string().nullable(),
  triggeredBy: z.string().nullable(),
  commitCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type DeploymentDto = z.infer<typeof deploymentDtoSchema>

export const causeLinkMethodSchema = z.enum(['explicit_deployment', 'explicit_sha', 'manual', 'inferred'])

export const incidentDtoSchema = z.object({
  id: z.number().int(),
  service: z.string(),
  environment: z.string().nullable(),
  source: z.string(),
  externalId: z.string(),
  title: z.string(),
  severity: incidentSeveritySchema.nullable(),
  openedAt: z.date(),
  resolvedAt: z.date().nullable(),
  outage: z.boolean(),
  url: z.string().nullable(),
  cause: z.object({ deploymentId: z.number().int(), externalId: z.string(), linkMethod: causeLinkMethodSchema }).nullable(),
  fix: z.object({ deploymentId: z.number().int(), externalId: z.string() }).nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type IncidentDto = z.infer<typeof incidentDtoSchema>

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('VALIDATION_FAILED, UNAUTHORIZED, FORBIDDEN, ...'),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('One entry per invalid field (422), at most 20; the message says how many more.'),
  }),
})
