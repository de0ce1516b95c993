import { burnRate as burnRateOfRatio } from '@/lib/metrics/burn-rate'
import { formatDuration } from '@/lib/format/format-metric'
import { totalDuration, unionWithin, type Interval } from '@/lib/metrics/intervals'
import { downtimeErrorMs, type BoundedInterval } from '@/lib/metrics/probe-downtime'
import { BURN_LOOKBACKS_MS, type BurnLookback, type RequestSlo } from '@/lib/metrics/request-slo'

export type SloWindowKind = 'rolling_28d' | 'rolling_30d' | 'calendar_month' | 'calendar_quarter'
// what an SLO is measured by: downtime from probes and outage incidents, or good / total requests
export type SloIndicator = 'probes' | 'requests'

// The indicator an SLO uses: the one it is set to, else requests once the service has any, else probes.
export function resolveSloIndicator(setting: SloIndicator | null | undefined, hasRequests: boolean): SloIndicator {
  return setting ?? (hasRequests ? 'requests' : 'probes')
}

const MINUTE = 60_000
const DAY = 86_400_000
// an average month and year (365.25 days), for "how much downtime does this target allow"
export const MONTH_MS = (365.25 / 12) * DAY
export const YEAR_MS = 365.25 * DAY

// The SLO window at `now`: rolling windows end now; a calendar month or quarter (UTC) runs from its first
// day, and its budget is the whole month's or quarter's (28-31 days, 90-92 days).
export function sloWindowRange(kind: SloWindowKind, now: Date): { from: Date; to: Date; lengthMs: number } {
  if (kind === 'calendar_quarter' || kind === 'calendar_month') {
    const months = kind === 'calendar_month' ? 1 : 3
    const first = Math.floor(now.getUTCMonth() / months) * months
    const from = new Date(Date.UTC(now.getUTCFullYear(), first, 1))
    const end = new Date(Date.UTC(now.getUTCFullYear(), first + months, 1))
    return { from, to: now, lengthMs: end.getTime() - from.getTime() }
  }
  const days = kind === 'rolling_28d' ? 28 : 30
  return { from: new Date(now.getTime() - days * DAY), to: now, lengthMs: days * DAY }
}

export type ErrorBudget = {
  totalMinutes: number; spentMinutes: number; remainingMinutes: number; remainingRatio: number | null
  // the same in seconds: a five-nines month allows 26 s, which minutes would round away
  totalSeconds: number; spentSeconds: number; remainingSeconds: number
}

// Budget = (1 - target) x window length; spent = downtime in the window so far; remaining may go negative.
export function computeErrorBudget(targetPercent: number, windowMs: number, downtimeMs: number): ErrorBudget {
  const total = (1 - targetPercent / 100) * windowMs
  return {
    totalSeconds: total / 1000,
    spentSeconds: downtimeMs / 1000,
    remainingSeconds: (total - downtimeMs) / 1000,
    totalMinutes: total / MINUTE,
    spentMinutes: downtimeMs / MINUTE,
    remainingMinutes: (total - downtimeMs) / MINUTE,
    remainingRatio: total > 0 ? (total - downtimeMs) / total : null,
  }
}

// How fast the budget burns, by time: the share of the lookback that was down (lib/metrics/burn-rate.ts).
export function burnRate(targetPercent: number, downtimeMs: number, lookbackMs: number): number | null {
  return lookbackMs > 0 ? burnRateOfRatio(downtimeMs / lookbackMs, targetPercent) : null
}

// "99.999%: about 26 s of downtime a month (5 min 16 s a year)"
export function describeTarget(targetPercent: number): string {
  const allowed = 1 - targetPercent / 100
  const nines = allowed > 0 ? -Math.log10(allowed) : Infinity
  const name = Number.isInteger(Math.round(nines * 1000) / 1000) && nines >= 1 && nines <= 9 ? ` (${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][Math.round(nines) - 1]} nines)` : ''
  if (allowed <= 0) return `${targetPercent}%: no downtime at all`
  return `${targetPercent}%${name}: about ${formatDuration((allowed * MONTH_MS) / 1000)} of downtime a month (${formatDuration((allowed * YEAR_MS) / 1000)} a year)`
}

export type SloStatus = {
  target: number
  window: SloWindowKind
  from: Date
  to: Date
  availability: number | null
  downtimeSeconds: number
  // how far downtimeSeconds may be off: half the gap between the samples around each probe edge in the window
  downtimeErrorSeconds: number
  // the finest interval of the service's scheduled checks (null: none), and whether even that is longer than
  // the whole error budget: one failed probe then spends it all ("probes too coarse for this target")
  probeIntervalSeconds: number | null
  probesTooCoarse: boolean
  budget: ErrorBudget
  // downtime burn rates over the last hour, 6 hours, day and 3 days (the workbook's alert lookbacks)
  burnRate: Record<BurnLookback, number | null>
  description: string
  // which indicator the SLO uses, and the request-based figures (null: no request counts in the window)
  indicator: SloIndicator
  requests: RequestSlo | null
}

export type SloExtras = { probeIntervalSeconds?: number | null; indicator?: SloIndicator; requests?: RequestSlo | null }

type DownInterval = Interval & Partial<Pick<BoundedInterval, 'startErrorMs' | 'endErrorMs'>>

// One service's SLO at `now` from its downtime intervals (outages and probe-down, counted once).
export function computeSloStatus(
  targetPercent: number, kind: SloWindowKind, intervals: readonly DownInterval[], now: Date, extras: SloExtras = {},
): SloStatus {
  const probeIntervalSeconds = extras.probeIntervalSeconds ?? null
  const indicator = extras.indicator ?? 'probes'
  const range = sloWindowRange(kind, now)
  const t = now.getTime()
  const down = (from: number) => totalDuration(unionWithin(intervals, from, t))
  const downtime = down(range.from.getTime())
  const elapsed = t - range.from.getTime()
  const budget = computeErrorBudget(targetPercent, range.lengthMs, downtime)
  return {
    target: targetPercent,
    window: kind,
    from: range.from,
    to: range.to,
    availability: elapsed > 0 ? 1 - downtime / elapsed : null,
    downtimeSeconds: downtime / 1000,
    downtimeErrorSeconds: downtimeErrorMs(intervals, range.from.getTime(), t) / 1000,
    probeIntervalSeconds,
    // only a probe-measured SLO is judged by its probes' resolution
    probesTooCoarse: indicator === 'probes' && probeIntervalSeconds !== null && budget.totalSeconds < probeIntervalSeconds,
    budget,
    burnRate: Object.fromEntries(Object.entries(BURN_LOOKBACKS_MS).map(([k, ms]) => [k, burnRate(targetPercent, down(t - ms), ms)])) as Record<BurnLookback, number | null>,
    description: describeTarget(targetPercent),
    indicator,
    requests: extras.requests ?? null,
  }
}

// The earliest time any of these windows reaches back to (what to load).
export function earliestSloStart(kinds: SloWindowKind[], now: Date): Date {
  return new Date(Math.min(now.getTime() - BURN_LOOKBACKS_MS.threeDays, ...kinds.map((k) => sloWindowRange(k, now).from.getTime())))
}
