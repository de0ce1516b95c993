import { z } from 'zod'
import { isoDateTime, slugSchema } from '@/lib/validation/common'
import { timeZoneSchema } from '@/lib/validation/metrics'
import { strategyFilterSchema } from '@/lib/validation/strategy-filter'

// GET /api/v1/reports/quarterly and the /reports page: a quarter (or a window) and a scope.
export const reportFormatSchema = z.enum(['pdf', 'csv', 'json'])
export type ReportFormat = z.infer<typeof reportFormatSchema>

const MAX_WINDOW_DAYS = 3 * 366

const reportShape = {
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  team: slugSchema.optional(),
  service: slugSchema.optional(),
  strategy: strategyFilterSchema,
  tz: timeZoneSchema.default('UTC'),
  benchmark: z.enum(['dora-2021', 'dora-2023', 'dora-2024']).default('dora-2023'),
  format: reportFormatSchema.default('json'),
  paper: z.enum(['a4', 'letter']).default('a4'),
}

// Either year + quarter or from + to; each missing or conflicting field is named.
function checkPeriod(q: { year?: number; quarter?: number; from?: Date; to?: Date }, ctx: z.RefinementCtx) {
  const quarterly = q.year !== undefined || q.quarter !== undefined
  const ranged = q.from !== undefined || q.to !== undefined
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
  if (quarterly && ranged) return issue('from', 'give either year and quarter or from and to, not both')
  if (!ranged) {
    if (q.year === undefined) issue('year', 'required (with quarter), or give from and to')
    if (q.quarter === undefined) issue('quarter', 'required (with year), or give from and to')
    return
  }
  if (!q.from) return issue('from', 'required with to')
  if (!q.to) return issue('to', 'required with from')
  if (q.to <= q.from) issue('to', 'must be after from')
  else if (q.to.getTime() - q.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) issue('to', `the window may span at most ${MAX_WINDOW_DAYS} days`)
}

export const quarterlyReportQuery = z.strictObject(reportShape).superRefine(checkPeriod)
export type QuarterlyReportQuery = z.infer<typeof quarterlyReportQuery>

// POST /api/dashboard/reports: the same parameters as a JSON body.
export const buildReportBody = z
  .strictObject({ ...reportShape, format: reportFormatSchema.default('pdf') })
  .superRefine(checkPeriod)

// A stored report as the history lists it (dates arrive as strings over JSON).
export const storedReportDto = z.object({
  id: z.number(),
  scopeKind: z.enum(['org', 'team', 'service']),
  team: z.string().nullable(),
  service: z.string().nullable(),
  periodLabel: z.string(),
  format: reportFormatSchema,
  byteSize: z.number(),
  sha256: z.string(),
  source: z.enum(['api', 'dashboard', 'schedule']),
  createdAt: z.coerce.date(),
})
export type StoredReportDto = z.infer<typeof storedReportDto>
export const reportHistoryDto = z.object({ reports: z.array(storedReportDto) })

// GET /api/dashboard/reports?sha256=: which stored reports a file is (its SHA-256, hex).
export const reportLookupQuery = z.strictObject({ sha256: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 in hex (64 characters)').optional() })
