import { TZDate } from '@date-fns/tz'
import { addQuarters, format } from 'date-fns'
import { previousWindow } from '@/lib/time/buckets'

// What a report covers: a calendar quarter in the report's zone, or any window [from, to).
export type ReportPeriod = { label: string; from: Date; to: Date; previous: { label: string; from: Date; to: Date } }

function quarterStart(year: number, quarter: number, tz: string): TZDate {
  return new TZDate(year, (quarter - 1) * 3, 1, tz)
}

// A quarter is compared with the quarter before it (not with a window of the same length: Q2 has 91
// days, Q1 90), so "change" reads as quarter over quarter.
export function quarterPeriod(year: number, quarter: number, tz: string): ReportPeriod {
  const start = quarterStart(year, quarter, tz)
  const prevStart = addQuarters(start, -1)
  const prevQ = quarter === 1 ? 4 : quarter - 1
  const prevY = quarter === 1 ? year - 1 : year
  return {
    label: `${year} Q${quarter}`,
    from: new Date(start.getTime()),
    to: new Date(addQuarters(start, 1).getTime()),
    previous: { label: `${prevY} Q${prevQ}`, from: new Date(prevStart.getTime()), to: new Date(start.getTime()) },
  }
}

// Any window: compared with the window of the same length before it, as the metrics API does.
export function rangePeriod(from: Date, to: Date, tz: string): ReportPeriod {
  const prev = previousWindow(from, to)
  const label = (a: Date, b: Date) => `${day(a, tz)} to ${day(new Date(b.getTime() - 1), tz)}`
  return { label: label(from, to), from, to, previous: { label: label(prev.from, prev.to), ...prev } }
}

// The last quarter that has ended at `now` in the zone (what the quarter-end job reports on).
export function lastCompletedQuarter(now: Date, tz = 'UTC'): { year: number; quarter: number } {
  const local = new TZDate(now.getTime(), tz)
  const current = Math.floor(local.getMonth() / 3) + 1
  return current === 1 ? { year: local.getFullYear() - 1, quarter: 4 } : { year: local.getFullYear(), quarter: current - 1 }
}

const day = (d: Date, tz: string) => format(new TZDate(d.getTime(), tz), 'yyyy-MM-dd')

// The period a validated report query asks for (year + quarter, else from + to).
export function periodOf(q: { year?: number; quarter?: number; from?: Date; to?: Date; tz: string }): ReportPeriod {
  return q.year !== undefined && q.quarter !== undefined ? quarterPeriod(q.year, q.quarter, q.tz) : rangePeriod(q.from!, q.to!, q.tz)
}
