import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, addQuarters, addWeeks, format, startOfDay, startOfMonth, startOfQuarter, startOfWeek } from 'date-fns'

export type Granularity = 'day' | 'week' | 'month' | 'quarter'

export type Bucket = {
  // the bucket's local start date in the zone, e.g. "2026-03-29": the label SQL's
  // date_trunc(unit, ts AT TIME ZONE tz) produces for the same bucket
  key: string
  start: Date
  end: Date
}

const startOf: Record<Granularity, (d: TZDate) => TZDate> = {
  day: (d) => startOfDay(d),
  week: (d) => startOfWeek(d, { weekStartsOn: 1 }), // ISO weeks, as date_trunc('week')
  month: (d) => startOfMonth(d),
  quarter: (d) => startOfQuarter(d),
}

const next: Record<Granularity, (d: TZDate) => TZDate> = {
  day: (d) => addDays(d, 1),
  week: (d) => addWeeks(d, 1),
  month: (d) => addMonths(d, 1),
  quarter: (d) => addQuarters(d, 1),
}

// Every bucket that overlaps [from, to), in local calendar units of `tz`, so a day is 23 or 25 hours
// long on DST change days. The first bucket may start before `from`, the last may end after `to`.
export function listBuckets(from: Date, to: Date, granularity: Granularity, tz: string): Bucket[] {
  const buckets: Bucket[] = []
  let start = startOf[granularity](new TZDate(from.getTime(), tz))
  while (start.getTime() < to.getTime()) {
    const end = next[granularity](start)
    buckets.push({ key: format(start, 'yyyy-MM-dd'), start: new Date(start.getTime()), end: new Date(end.getTime()) })
    start = end
  }
  return buckets
}

export function bucketKeyOf(at: Date, granularity: Granularity, tz: string): string {
  return format(startOf[granularity](new TZDate(at.getTime(), tz)), 'yyyy-MM-dd')
}

// Rows keyed by bucket, as SQL returns them (absent when empty), spread over every bucket with `empty`.
export function fillBuckets<T>(buckets: Bucket[], rows: Map<string, T>, empty: () => T): (Bucket & { value: T })[] {
  return buckets.map((b) => ({ ...b, value: rows.get(b.key) ?? empty() }))
}

// The window of the same length just before [from, to), for "change vs previous period".
export function previousWindow(from: Date, to: Date): { from: Date; to: Date } {
  const length = to.getTime() - from.getTime()
  return { from: new Date(from.getTime() - length), to: new Date(from.getTime()) }
}
