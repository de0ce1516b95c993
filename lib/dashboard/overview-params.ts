import { TZDate } from '@date-fns/tz'
import { addDays, addQuarters, startOfDay, startOfQuarter } from 'date-fns'
import { z } from 'zod'
import { granularitySchema, timeZoneSchema } from '@/lib/validation/metrics'
import { slugSchema } from '@/lib/validation/common'
import { strategyFilterSchema } from '@/lib/validation/strategy-filter'
import { isValidTimeZone } from '@/lib/time/time-zone'
import { localMidnight } from '@/lib/time/local-midnight'
import { zodFieldErrors } from '@/lib/validation/zod-fields'
import type { FieldError } from '@/lib/http/app-error'

// The dashboard's filters, as they stand in the URL (a copied link shows the same view).
export const rangePresets = ['7d', '30d', '90d', 'this-quarter', 'last-quarter', 'custom'] as const
export type RangePreset = (typeof rangePresets)[number]

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')

export const paramsSchema = z.object({
  team: slugSchema.optional().catch(undefined),
  service: slugSchema.optional(),
  environment: slugSchema.optional(),
  strategy: strategyFilterSchema,
  range: z.enum(rangePresets).default('30d'),
  from: localDate.optional(),
  to: localDate.optional(),
  granularity: granularitySchema.optional(),
  // a trailing 7- or 28-day figure per day instead of calendar buckets
  rolling: z.enum(['7', '28']).optional(),
  tz: timeZoneSchema.optional(),
  benchmark: z.enum(['dora-2021', 'dora-2023', 'dora-2024']).default('dora-2023'),
  // failed deployments, rollbacks and incidents drawn on the trend charts unless "off"
  annotations: z.enum(['on', 'off']).default('on'),
})

type Granularity = 'day' | 'week' | 'month' | 'quarter'
export type OverviewParams = Omit<z.infer<typeof paramsSchema>, 'tz'> & {
  window: { from: Date; to: Date }
  granularity: Granularity
  tz: string
  // what the view falls back to without a parameter, so links and the filter bar leave those out
  defaults: { tz: string; granularity: Granularity }
}

// Buckets a lead can read: days below 30 days, weeks up to 180, months beyond.
export function defaultGranularity(from: Date, to: Date): Granularity {
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000)
  return days < 30 ? 'day' : days <= 180 ? 'week' : 'month'
}

// Ranges end at the start of tomorrow in the chosen zone, so "last 7 days" includes today.
// fallbackTz: the zone without a tz parameter (the browser's, from its cookie: lib/time/browser-time-zone.ts).
export function parseOverviewParams(
  raw: Record<string, string | string[] | undefined>, now: Date, fallbackTz = 'UTC',
): { ok: true; params: OverviewParams } | { ok: false; errors: FieldError[] } {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = paramsSchema.safeParse(flat)
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) }
  const defaultTz = isValidTimeZone(fallbackTz) ? fallbackTz : 'UTC'
  const p = { ...parsed.data, tz: parsed.data.tz ?? defaultTz }
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
      to = localMidnight(p.to, p.tz, 1)
      if (to <= from) return { ok: false, errors: [{ path: 'to', message: 'must not be before from' }] }
    }
  }
  const window = { from: new Date(from.getTime()), to: new Date(to.getTime()) }
  const byRange = defaultGranularity(window.from, window.to)
  // rolling figures are drawn per day
  const granularity = p.rolling ? 'day' : (p.granularity ?? byRange)
  return { ok: true, params: { ...p, window, granularity, defaults: { tz: defaultTz, granularity: byRange } } }
}

// The same view with some filters changed, as a query string.
export function overviewHref(p: Partial<Record<string, string | undefined>>, path = '/'): string {
  const qs = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => !!e[1]))
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

// The filters of a view, to carry them over in links: only those that differ from the default, so a
// URL says what was chosen and nothing else.
export function filterQuery(p: OverviewParams): Record<string, string | undefined> {
  const unless = <T extends string | undefined>(value: T, fallback: T) => (value === fallback ? undefined : value)
  const custom = p.range === 'custom'
  return {
    team: p.team, service: p.service, environment: p.environment, strategy: p.strategy?.join(','), range: unless(p.range, '30d'),
    from: custom ? p.from : undefined, to: custom ? p.to : undefined,
    granularity: p.rolling ? undefined : unless(p.granularity, p.defaults.granularity), rolling: p.rolling,
    tz: unless(p.tz, p.defaults.tz), benchmark: unless(p.benchmark, 'dora-2023'), annotations: unless(p.annotations, 'on'),
  }
}
