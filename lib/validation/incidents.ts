import { z } from 'zod'
import {
  cursorSchema,
  environmentTierSchema,
  externalIdSchema,
  isoDateTime,
  limitSchema,
  shaSchema,
  slugSchema,
  urlSchema,
} from '@/lib/validation/common'

export const incidentSeveritySchema = z.enum(['critical', 'high', 'medium', 'low'])
export type IncidentSeverity = z.infer<typeof incidentSeveritySchema>

// Pager tools speak SEV1-4 or P1-4; store one scale.
const severityAliases: Record<string, IncidentSeverity> = { sev1: 'critical', p1: 'critical', sev2: 'high', p2: 'high', sev3: 'medium', p3: 'medium', sev4: 'low', p4: 'low' }
const severityInput = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => severityAliases[s] ?? s)
  .pipe(incidentSeveritySchema)

export const incidentBodySchema = z
  .strictObject({
    id: externalIdSchema.describe('Your id for this incident; later posts with the same id update it.'),
    service: slugSchema,
    environment: slugSchema.optional(),
    environmentTier: environmentTierSchema.optional(),
    title: z.string().trim().min(1).max(500).optional().describe('Required when the incident is new.'),
    severity: severityInput.optional().describe('critical, high, medium, low (or SEV1-4 / P1-4).'),
    openedAt: isoDateTime.optional().describe('Required when the incident is new.'),
    resolvedAt: isoDateTime.nullable().optional().describe('null reopens a resolved incident.'),
    outage: z.boolean().optional(),
    url: urlSchema.optional(),
    causeDeploymentId: externalIdSchema.optional().describe('External id of the deployment (same service) that caused it.'),
    causeSha: shaSchema.optional().describe('A commit sha; the last successful deployment carrying it before openedAt is linked.'),
    fixDeploymentId: externalIdSchema.optional().describe('External id of the deployment that fixed it.'),
    notCausedByChange: z.boolean().optional().describe('true: no change caused it (counts in time to restore, never in change failure rate).'),
  })
  .superRefine((b, ctx) => {
    if (b.openedAt instanceof Date && b.resolvedAt instanceof Date && b.resolvedAt < b.openedAt) {
      ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'must not be before openedAt' })
    }
    if (b.causeDeploymentId && b.causeSha) {
      ctx.addIssue({ code: 'custom', path: ['causeSha'], message: 'give causeDeploymentId or causeSha, not both' })
    }
  })
export type IncidentBody = z.infer<typeof incidentBodySchema>

export const listIncidentsQuery = z.strictObject({
  team: slugSchema.optional().describe('Team slug; a team token reads its own team, a signed-in person names one.'),
  service: slugSchema.optional(),
  environment: slugSchema.optional(),
  state: z.enum(['open', 'resolved']).optional(),
  from: isoDateTime.optional().describe('Inclusive lower bound on openedAt.'),
  to: isoDateTime.optional().describe('Exclusive upper bound on openedAt.'),
  limit: limitSchema,
  cursor: cursorSchema,
})
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>

// /incidents (the dashboard): the same filters, for every team, with the incident's source and outage flag.
export const incidentPageQuery = z.strictObject({
  service: slugSchema.optional(),
  environment: slugSchema.optional(),
  state: z.enum(['open', 'resolved']).optional(),
  source: z.enum(['api', 'github', 'gitlab', 'probe', 'demo', 'manual', 'pagerduty', 'opsgenie', 'incident_io', 'alertmanager']).optional(),
  outage: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  cursor: cursorSchema,
})
export type IncidentPageQuery = z.infer<typeof incidentPageQuery>

// POST /api/dashboard/incidents: an incident opened by hand in the dashboard (source "manual").
export const manualIncidentSchema = z.strictObject({
  service: slugSchema,
  team: slugSchema.optional().describe('The service\'s team, when several teams have a service of this slug.'),
  title: z.string().trim().min(1, 'must not be empty').max(500),
  severity: severityInput.optional(),
  openedAt: isoDateTime.optional().describe('Default: now.'),
  environment: slugSchema.optional(),
  outage: z.boolean().optional(),
})
export type ManualIncidentBody = z.infer<typeof manualIncidentSchema>

// PATCH /api/dashboard/incidents/<id>: resolve (or reopen with null), link the deployment that caused
// it (null unlinks), mark or unmark as an outage. Only what is sent changes.
export const incidentActionSchema = z
  .strictObject({
    resolvedAt: isoDateTime.nullable().optional(),
    causeDeploymentId: z.number().int().positive().max(2_147_483_647).nullable().optional().describe('The deployment\'s id in Plimsoll (same service).'),
    outage: z.boolean().optional(),
    notCausedByChange: z.boolean().optional().describe('true: no change caused it (kept in time to restore, left out of change failure rate).'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { path: [], message: 'send resolvedAt, causeDeploymentId, outage or notCausedByChange' })
export type IncidentActionBody = z.infer<typeof incidentActionSchema>
