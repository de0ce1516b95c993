import { z } from 'zod'
import { sloIndicatorSchema, sloTargetSchema, sloWindowSchema } from '@/lib/validation/availability'
import { timeZoneSchema } from '@/lib/validation/metrics'
import { TOKEN_SCOPES } from '@/lib/auth/token-scopes'
import { isoDateTime, slugSchema, urlSchema } from '@/lib/validation/common'
import { incidentSeveritySchema } from '@/lib/validation/incidents'
import { environmentStrategiesSchema } from '@/lib/validation/environment-strategies'

// Bodies of the settings routes (app/api/settings/...): teams, services, API tokens, people.
const nameSchema = z.string().trim().min(1, 'must not be empty').max(200)

// "services/api/" style prefixes, relative to the repository root; empty list = the whole repository.
const pathPrefixSchema = z
  .string()
  .trim()
  .transform((p) => p.replace(/^\/+/, ''))
  .pipe(z.string().min(1, 'must not be empty').max(300).refine((p) => !p.split('/').includes('..'), 'must not contain ".."'))

export const createTeamSchema = z.strictObject({ slug: slugSchema, name: nameSchema })
// PATCH /api/settings/teams/<slug>: a new name, and/or the time zone of the team's weekly digest (Monday 09:00 there).
export const updateTeamSchema = z.strictObject({ name: nameSchema.optional(), timeZone: timeZoneSchema.optional() })
  .refine((b) => b.name !== undefined || b.timeZone !== undefined, { path: ['name'], message: 'send a name or a timeZone' })

export const createServiceSchema = z.strictObject({
  team: slugSchema,
  slug: slugSchema,
  name: nameSchema.optional(),
  repositoryUrl: urlSchema.nullable().optional(),
  pathPrefixes: z.array(pathPrefixSchema).max(50).optional(),
})
export type CreateServiceBody = z.infer<typeof createServiceSchema>

// Severities that count (null: all of them); each named once.
const severitiesSchema = z.array(incidentSeveritySchema).min(1, 'name at least one severity, or send null for all').max(4)
  .refine((a) => new Set(a).size === a.length, 'name each severity once')

// Every field optional: what is sent changes, what is not stays. `team` moves the service. The incident
// scoping fields decide which incidents count for change failure rate and time to restore (docs/metrics.md).
export const updateServiceSchema = z.strictObject({
  team: slugSchema.optional(),
  name: nameSchema.optional(),
  repositoryUrl: urlSchema.nullable().optional(),
  pathPrefixes: z.array(pathPrefixSchema).max(50).optional(),
  downtimeGraceMinutes: z.number().min(0).max(1440).optional()
    .describe('How long after a deployment finishes probe-observed downtime still counts as caused by it (default 5).'),
  incidentAttributionHours: z.number().int().min(1).max(2160).optional()
    .describe('An incident with no named cause is a change failure of the last successful deployment at most this many hours before it.'),
  cfrSeverities: severitiesSchema.nullable().optional().describe('Severities that count for change failure rate; null: all.'),
  ttrSeverities: severitiesSchema.nullable().optional().describe('Severities that count for time to restore; null: all.'),
  sloTarget: sloTargetSchema.optional(),
  sloWindow: sloWindowSchema.optional(),
  sloIndicator: sloIndicatorSchema.optional(),
  environmentStrategies: environmentStrategiesSchema.nullable().optional()
    .describe('Environment-name rules: {"prod-eu-shadow": {"strategy": "canary", "environment": "prod-eu"}} for GitHub and GitLab deployments '
      + 'that name no strategy; replaces the rules; null or {} removes them.'),
})
export type UpdateServiceBody = z.infer<typeof updateServiceSchema>

export const createTokenSchema = z
  .strictObject({
    team: slugSchema,
    name: nameSchema.max(100),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'choose at least one scope').transform((s) => [...new Set(s)]),
    expiresAt: isoDateTime.nullable().optional(),
  })
  .refine((b) => !(b.expiresAt instanceof Date) || b.expiresAt.getTime() > Date.now(), { path: ['expiresAt'], message: 'must be in the future' })
export type CreateTokenBody = z.infer<typeof createTokenSchema>

// the roles of lib/queries/auth/users.ts, spelled here so this file stays importable from the browser
export const roleSchema = z.enum(['admin', 'maintainer', 'viewer'])
const teamsSchema = z.array(slugSchema).max(200).transform((s) => [...new Set(s)])

export const createPersonSchema = z.strictObject({
  email: z.email('must be an email address').max(320),
  name: nameSchema,
  role: roleSchema,
  teams: teamsSchema.default([]),
  password: z.string().optional().describe('Initial password; without one the person signs in with GitHub or OIDC.'),
})
export type CreatePersonBody = z.infer<typeof createPersonSchema>

export const updatePersonSchema = z.strictObject({ role: roleSchema, teams: teamsSchema })
export type UpdatePersonBody = z.infer<typeof updatePersonSchema>

// Path parameters of the settings routes.
export const slugParams = z.object({ slug: slugSchema })
// PATCH /api/settings/services/<slug>?team=: the service's team, needed when several teams have the slug
export const serviceTeamQuery = z.strictObject({ team: slugSchema.optional() })
export const userIdParams = z.object({ id: z.string().min(1).max(100) })
