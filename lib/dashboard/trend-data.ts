import { benchmarks, type BenchmarkId } from '@/lib/metrics/benchmarks'
import { minimumSamples } from '@/lib/metrics/minimum-sample'
import { formatDuration } from '@/lib/format/format-metric'
import type { MetricsReport } from '@/lib/metrics/build-report'
import type { Granularity } from '@/lib/time/buckets'

// The report's series shaped for the trend charts (components/charts/trend-charts.tsx): plain,
// serialisable values, durations in seconds, rates in percent. Every point carries its n, whether it
// rests on fewer events than the metric's minimum sample ("few": drawn hollow), and whether its bucket
// lies only partly in the range or is not over yet ("partial": drawn apart, never used for a change).

export type BucketInfo = {
  bucket: string
  // when the bucket starts and ends (ISO), for the tooltip
  start: string
  end: string
  // null for a whole bucket; else what part of it the range holds, e.g. "3 d of 7 d in the range"
  partial: string | null
}
export type DeploymentPoint = BucketInfo & { success: number; failure: number; n: number }
export type DurationPoint = BucketInfo & { median: number | null; p90: number | null; n: number; few: boolean }
export type RatePoint = BucketInfo & { percent: number | null; failures: number; n: number; few: boolean }
export type LevelLine = { value: number; label: string }
export type Annotation = { bucket: string; failed: number; rollbacks: number; incidents: number }

export type TrendData = {
  granularity: Granularity
  // "7" or "28": each point is the trailing 7 or 28 days ending that day (counts and rates summed; the
  // median metrics read again per day's window: TrendOptions.rollingDurations)
  rolling: '7' | '28' | null
  deployments: DeploymentPoint[]
  leadTime: DurationPoint[]
  changeFailure: RatePoint[]
  restore: DurationPoint[]
  levels: { leadTime: LevelLine[]; changeFailure: LevelLine[]; restore: LevelLine[] }
  annotations: Annotation[]
}

export type TrendOptions = {
  window: { from: Date; to: Date }
  now: Date
  granularity: Granularity
  benchmark?: BenchmarkId
  rolling?: '7' | '28' | null
  annotations?: Annotation[]
  // with rolling: lead time and time to restore over each day's trailing window (lib/queries/metrics/rolling-durations.ts)
  rollingDurations?: { leadTime: RollingDuration[]; restore: RollingDuration[] }
}

export type RollingDuration = { bucket: string; count: number; median: number | null; p90: number | null }

type Raw = Record<string, unknown> & { bucket?: unknown; start?: unknown; end?: unknown }
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const count = (v: unknown): number => num(v) ?? 0
const time = (v: unknown): number => (v instanceof Date ? v.getTime() : new Date(String(v)).getTime())

// What part of [start, end) the range holds: null when all of it, so the bucket is a whole one. The range
// ends at `now` at the latest: today's bucket is not over.
export function partialOf(start: Date, end: Date, window: { from: Date; to: Date }, now: Date): string | null {
  const from = Math.max(start.getTime(), window.from.getTime())
  const to = Math.min(end.getTime(), window.to.getTime(), now.getTime())
  if (from <= start.getTime() && to >= end.getTime()) return null
  return `${formatDuration(Math.max(0, to - from) / 1000)} of ${formatDuration((end.getTime() - start.getTime()) / 1000)} in the range`
}

function info(p: Raw, o: TrendOptions): BucketInfo {
  const start = new Date(time(p.start))
  const end = new Date(time(p.end))
  return { bucket: String(p.bucket), start: start.toISOString(), end: end.toISOString(), partial: partialOf(start, end, o.window, o.now) }
}

// Level lines of the selected benchmark set: duration bounds (lead time, restore) and rate bounds.
export function levelLines(id: BenchmarkId): TrendData['levels'] {
  const b = benchmarks[id].bounds
  const durations = (bounds: typeof b.leadTime) =>
    bounds.filter((x) => x.below !== undefined).map((x) => ({ value: x.below!, label: `${x.level} < ${formatDuration(x.below!)}` }))
  return {
    leadTime: durations(b.leadTime),
    restore: durations(b.timeToRestore),
    changeFailure: b.changeFailureRate.filter((x) => x.atMost !== undefined).map((x) => ({ value: x.atMost! * 100, label: `${x.level} ≤ ${x.atMost! * 100}%` })),
  }
}

// Trailing sums over `days` daily points; a point whose trailing days reach before the range is partial.
function rollingSums<T extends BucketInfo>(points: T[], days: number, fields: (keyof T)[]): T[] {
  return points.map((p, i) => {
    const from = Math.max(0, i - days + 1)
    const sums = Object.fromEntries(fields.map((f) => [f, points.slice(from, i + 1).reduce((s, q) => s + (q[f] as number), 0)]))
    const short = i + 1 < days ? `${i + 1} of ${days} days in the range` : null
    return { ...p, ...sums, partial: p.partial ?? short }
  })
}

// The daily points replaced by their trailing windows' medians (a day without any: no value, n 0); a point
// whose window reaches before the range is partial, as with the rolling counts.
export function rollingMedians(points: DurationPoint[], trailing: RollingDuration[], days: number, min: number): DurationPoint[] {
  const byDay = new Map(trailing.map((t) => [t.bucket, t]))
  return points.map((p, i) => {
    const t = byDay.get(p.bucket)
    const n = t?.count ?? 0
    const short = i + 1 < days ? `${i + 1} of ${days} days in the range` : null
    return { ...p, median: t?.median ?? null, p90: t?.p90 ?? null, n, few: n < min, partial: p.partial ?? short }
  })
}

export function toTrendData(report: MetricsReport, o: TrendOptions): TrendData {
  const m = report.metrics
  const rolling = o.rolling ?? null
  let deployments: DeploymentPoint[] = m.deploymentFrequency.series.map((p: Raw) => {
    const success = count(p.success)
    const failure = count(p.failure)
    return { ...info(p, o), success, failure, n: success + failure }
  })
  let failures = m.changeFailureRate.series.map((p: Raw) => ({ ...info(p, o), failures: count(p.failures), n: count(p.deployments) }))
  if (rolling) {
    deployments = rollingSums(deployments, Number(rolling), ['success', 'failure', 'n'])
    failures = rollingSums(failures, Number(rolling), ['failures', 'n'])
  }
  const cfrMin = minimumSamples.changeFailureRate.n
  const duration = (series: Raw[], min: number, trailing?: RollingDuration[]): DurationPoint[] => {
    const points = series.map((p) => ({ ...info(p, o), median: num(p.median), p90: num(p.p90), n: count(p.count), few: count(p.count) < min }))
    return rolling && trailing ? rollingMedians(points, trailing, Number(rolling), min) : points
  }
  return {
    granularity: o.granularity,
    rolling,
    deployments,
    leadTime: duration(m.leadTime.series, minimumSamples.leadTime.n, o.rollingDurations?.leadTime),
    changeFailure: failures.map((p) => ({ ...p, percent: p.n > 0 ? (p.failures / p.n) * 100 : null, few: p.n < cfrMin })),
    restore: duration(m.timeToRestore.series, minimumSamples.timeToRestore.n, o.rollingDurations?.restore),
    levels: levelLines(o.benchmark ?? 'dora-2023'),
    annotations: o.annotations ?? [],
  }
}

// A bucket's name on an axis ("30 Mar", "Mar 2026", "Q1 2026") from its local start date key.
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
export function bucketLabel(key: string, granularity: Granularity): string {
  const [y, mo, d] = key.split('-').map(Number) as [number, number, number]
  if (granularity === 'month') return `${months[mo - 1]} ${y}`
  if (granularity === 'quarter') return `Q${Math.floor((mo - 1) / 3) + 1} ${y}`
  return `${d} ${months[mo - 1]}`
}

// The tooltip's title: "Week of 30 Mar 2026", "Mar 2026", "7 days to 12 Apr 2026".
export function bucketTitle(key: string, granularity: Granularity, rolling: string | null): string {
  const year = key.slice(0, 4)
  if (rolling) return `${rolling} days to ${bucketLabel(key, 'day')} ${year}`
  if (granularity === 'week') return `Week of ${bucketLabel(key, 'day')} ${year}`
  if (granularity === 'day') return `${bucketLabel(key, 'day')} ${year}`
  return bucketLabel(key, granularity)
}

// The last two whole buckets with at least `min` events, newest first: what a change figure on a chart
// may compare (a partial bucket never does).
export function lastWholeBuckets<T extends BucketInfo & { n: number }>(points: T[], min: number): [T, T] | null {
  const whole = points.filter((p) => p.partial === null)
  const [last, before] = [whole[whole.length - 1], whole[whole.length - 2]]
  return last && before && last.n >= min && before.n >= min ? [last, before] : null
}
