import { z } from 'zod'
import { isoDateTime, slugSchema, urlSchema } from '@/lib/validation/common'

const checkName = z.string().trim().min(1).max(100).regex(/^[^\s/][^/]*$/, 'must be 1-100 characters without "/"')

// POST /api/v1/availability: one result of a probe run outside Plimsoll.
export const availabilityResultSchema = z.strictObject({
  service: slugSchema,
  check: checkName.describe('The check\'s name within the service; created on its first result.'),
  at: isoDateTime.describe('When the probe ran.'),
  up: z.boolean(),
  latency: z.number().min(0).max(600_000).optional().describe('Milliseconds.'),
  detail: z.string().trim().max(500).optional().describe('Why it failed, shown in the incident timeline.'),
})
export type AvailabilityResult = z.infer<typeof availabilityResultSchema>

const common = {
  service: slugSchema,
  team: slugSchema.optional()
    .describe('The service\'s team: needed only by a signed-in person when several of their teams have a service of this slug.'),
  name: checkName,
  timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  intervalSeconds: z.number().int().min(10, 'must be at least 10 seconds').max(86_400).default(60),
  failureThreshold: z.number().int().min(1).max(100).default(3).describe('Failing samples in a row that open an outage incident.'),
  enabled: z.boolean().default(true),
}

// POST /api/v1/checks: create or reconfigure a check by (service, name).
export const probeCheckBodySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      ...common,
      kind: z.literal('http'),
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']).default('GET'),
      url: urlSchema,
      expectStatusMin: z.number().int().min(100).max(599).default(200),
      expectStatusMax: z.number().int().min(100).max(599).default(399),
      bodyContains: z.string().min(1).max(500).optional(),
    }),
    z.strictObject({
      ...common,
      kind: z.literal('tcp'),
      host: z.string().trim().min(1).max(253),
      port: z.number().int().min(1).max(65_535),
    }),
  ])
  .superRefine((b, ctx) => {
    if (b.timeoutMs >= b.intervalSeconds * 1000) ctx.addIssue({ code: 'custom', path: ['timeoutMs'], message: 'must be shorter than the interval' })
    if (b.kind === 'http' && b.expectStatusMin > b.expectStatusMax) ctx.addIssue({ code: 'custom', path: ['expectStatusMax'], message: 'must not be below expectStatusMin' })
  })
export type ProbeCheckBody = z.infer<typeof probeCheckBodySchema>

export const listChecksQuery = z.strictObject({
  team: slugSchema.optional().describe('Team slug; a team token reads its own team, a signed-in person names one.'),
  service: slugSchema.optional(),
})

// An SLO's fields, shared by POST /api/v1/slos and the Settings page's service form.
export const sloTargetSchema = z.number().min(50).max(99.999).multipleOf(0.001).describe('Percent, up to three decimals: 99.95.')
export const sloWindowSchema = z.enum(['rolling_28d', 'rolling_30d', 'calendar_month', 'calendar_quarter'])
export const sloIndicatorSchema = z.enum(['auto', 'probes', 'requests'])
  .describe('What the SLO is measured by: probe downtime, or good / total requests; auto: requests once any are recorded, else probes.')

// POST /api/v1/slos: a service's availability target and the window its error budget is counted over.
export const sloBodySchema = z.strictObject({
  service: slugSchema,
  team: slugSchema.optional()
    .describe('The service\'s team: needed only by a signed-in person when several of their teams have a service of this slug.'),
  target: sloTargetSchema.default(99.9),
  window: sloWindowSchema.default('rolling_30d'),
  indicator: sloIndicatorSchema.default('auto'),
})
export type SloBody = z.infer<typeof sloBodySchema>
