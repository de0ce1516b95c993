import { TZDate } from '@date-fns/tz'
import { addDays, addQuarters, startOfDay, startOfQuarter } from 'date-fns'
import { z } from 'zod'
import { granularitySchema, timeZoneSchema } from '@/lib/validation/metrics'
import { slugSchema } from '@/lib/validation/common'
import { strategyFilterSchema } from '@/lib/validation/strategy-filter'
import { zodFieldErrors } from '@/lib/validation/zod-fields'
import type { FieldError } from '@/lib/http/app-error'

// The dashboard's filters, as they stand in the URL (a copied link shows the same view).
export const rangePresets = ['7d', '30d', '90d', 'this-quarter', 'last-quarter', 'custom'] as const
export type RangePreset = (typeof rangePresets)[number]

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')

const paramsSchema = z.object({
  team: slugSchema.optional().catch(undefined),
  service: slugSchema.optional(),
  environment: slugSchema.optional(),
  strategy: strategyFilterSchema,
  range: z.enum(rangePresets).default('30d'),
  from: localDate.optional(),
  to: localDate.optional(),
  granularity: granularitySchema.optional(),
  tz: timeZoneSchema.default('UTC'),
})

export type OverviewParams = z.infer<typeof paramsSchema> & { window: { from: Date; to: Date }; granularity: 'day' | 'week' | 'month' | 'quarter' }

const defaultGranularity: Record<RangePreset, OverviewParams['granularity']> = {
  '7d': 'day', '30d': 'day', '90d': 'week', 'this-quarter': 'week', 'last-quarter': 'week', custom: 'week',
}

// Ranges end at the start of tomorrow in the chosen zone, so "last 7 days" includes today.
export function parseOverviewParams(raw: Record<string, string | string[] | undefined>, now: Date): { ok: true; params: OverviewParams } | { ok: false; errors: FieldError[] } {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = paramsSchema.safeParse(flat)
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) }
  const p = parsed.data
  const today = startOfDay(new TZDate(now.getTime(), p.tz))
  const tomorrow = addDays(today, 1)
  let from: Date
  let to: Date
  switch (p.range) {
    case '7d': case '30d': case '90d':
      from = addDays(tomorrow, -Number(p.range.slice(0, -1)))
      to = tomorrow
      break
    case 'this-quarter':
      from = startOfQuarter(today)
      to = tomorrow
      break
    case 'last-quarter':
      to = startOfQuarter(today)
      from = addQuarters(to, -1)
      break
    case 'custom': {
      if (!p.from || !p.to) return { ok: false, errors: [{ path: p.from ? 'to' : 'from', message: 'a custom range needs both from and to' }] }
      from = localMidnight(p.from, p.tz)
      to = addDays(localMidnight(p.to, p.tz), 1)
      if (to <= from) return { ok: false, errors: [{ path: 'to', message: 'must not be before from' }] }
    }
  }
  return { ok: true, params: { ...p, window: { from: new Date(from.getTime()), to: new Date(to.getTime()) }, granularity: p.granularity ?? defaultGranularity[p.range] } }
}

// TZDate parses a zone-less ISO string as UTC; build local midnight from its parts instead.
function localMidnight(date: string, tz: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new TZDate(y, m - 1, d, tz)
}

// The same view with some filters changed, as a query string.
export function overviewHref(p: Partial<Record<string, string | undefined>>, path = '/'): string {
  const qs = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => !!e[1]))
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

// The filters of a view, to carry them over in links.
export function filterQuery(p: OverviewParams): Record<string, string | undefined> {
  return { team: p.team, service: p.service, environment: p.environment, strategy: p.strategy?.join(','), range: p.range, from: p.from, to: p.to, granularity: p.granularity, tz: p.tz }
}
