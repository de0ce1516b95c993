import { z } from 'zod'
import { isoDateTime, slugSchema } from '@/lib/validation/common'
import { isValidTimeZone } from '@/lib/time/time-zone'
import { strategyFilterSchema } from '@/lib/validation/strategy-filter'

// Query of GET /api/v1/metrics (issue #3): scope, window [from, to), zone and bucket size.
export const granularitySchema = z.enum(['day', 'week', 'month', 'quarter'])

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, { error: 'must be an IANA time zone name, e.g. Europe/Berlin or UTC' })

const MAX_WINDOW_DAYS = 3 * 366

const scopeShape = {
  team: slugSchema.optional(),
  service: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean) : undefined))
    .pipe(z.array(slugSchema).max(100).optional())
    .describe('One slug or a comma-separated list.'),
  environment: slugSchema.optional().describe('Default: every production-tier environment.'),
  strategy: strategyFilterSchema,
  from: isoDateTime,
  to: isoDateTime,
  tz: timeZoneSchema.default('UTC'),
  granularity: granularitySchema.default('week'),
  benchmark: z.enum(['dora-2021', 'dora-2023', 'dora-2024']).default('dora-2023'),
}

function checkWindow(q: { from: unknown; to: unknown }, ctx: z.RefinementCtx) {
  // zod runs this even when a field failed; then there is nothing to compare
  if (!(q.from instanceof Date && q.to instanceof Date)) return
  if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' })
  else if (q.to.getTime() - q.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the window may span at most ${MAX_WINDOW_DAYS} days` })
  }
}

export const metricsQuery = z.strictObject(scopeShape).superRefine(checkWindow)
export type MetricsQuery = z.infer<typeof metricsQuery>

// GET /api/v1/metrics/<metric>/records: the same scope and window, paged.
export const metricRecordsQuery = z
  .strictObject({ ...scopeShape, limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().max(200).optional() })
  .superRefine(checkWindow)
export type MetricRecordsQuery = z.infer<typeof metricRecordsQuery>

// GET /api/v1/metrics/strategies (issue 22): the same scope and window, compared per strategy, with a
// monthly trend (months in tz).
const { team, service, environment, from, to, tz } = scopeShape
export const strategiesQuery = z.strictObject({ team, service, environment, from, to, tz }).superRefine(checkWindow)
export type StrategiesQuery = z.infer<typeof strategiesQuery>
