import type { Bucket } from '@/lib/time/buckets'

export type RollingWindow = { key: string; from: Date; to: Date }

// The trailing window of each day: from the start of the day `days - 1` days before it (at the earliest the
// range's first day: nothing before the range is read) to the end of the day. Calendar days of the zone, so a
// DST day counts as one day; the rolling counts of lib/dashboard/trend-data.ts sum the same days.
export function rollingWindows(days: Bucket[], span: number): RollingWindow[] {
  return days.map((d, i) => ({ key: d.key, from: days[Math.max(0, i - span + 1)]!.start, to: d.end }))
}
