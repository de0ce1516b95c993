import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

// Times in tables as the reader's wall clock: "2026-05-13 17:05" in the view's zone (the browser's by
// default, a tz parameter when the URL has one), not in UTC.
export function formatDateTime(d: Date | null, tz: string, seconds = false): string {
  if (!d) return '—'
  return format(new TZDate(d.getTime(), tz), seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm')
}

export function formatDate(d: Date, tz: string): string {
  return format(new TZDate(d.getTime(), tz), 'yyyy-MM-dd')
}

// A window [from, to) as the days it covers there: "2026-05-01 to 2026-05-30" (to is exclusive).
export function formatWindow(w: { from: Date; to: Date }, tz: string): string {
  return `${formatDate(w.from, tz)} to ${formatDate(new Date(w.to.getTime() - 1), tz)}`
}
