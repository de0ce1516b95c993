import { TZDate } from '@date-fns/tz'

// Midnight at the start of a YYYY-MM-DD day in a zone, plus `days` days (DST-correct: a day is a calendar
// day there, 23 or 25 hours long when the clocks change). TZDate would read a zone-less ISO string as UTC,
// so the date is built from its parts.
export function localMidnight(date: string, tz: string, days = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(y, m - 1, d + days, tz).getTime())
}
