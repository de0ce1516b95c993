import { TZDate } from '@date-fns/tz'

const DAY_MS = 86_400_000
const iso = (d: TZDate) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

export type DigestWeek = { weekStart: string; from: string; to: string }

// A team's weekly digest is due from 09:00 on Monday in its time zone for a day (a worker that was down
// at 09:00 sends it late, never a week later). weekStart: that Monday's local date, the digest's key;
// from..to: the week it reports, the seven local days before it (to inclusive). null: not due now.
export function dueDigestWeek(now: Date, tz: string): DigestWeek | null {
  const local = new TZDate(now.getTime(), tz)
  const day = local.getDay()
  const hour = local.getHours()
  let monday: TZDate
  if (day === 1 && hour >= 9) monday = local
  else if (day === 2 && hour < 9) monday = new TZDate(now.getTime() - DAY_MS, tz)
  else return null
  // calendar arithmetic in the zone (a DST change in the week moves no day)
  const at = (days: number) => { const d = new TZDate(monday.getFullYear(), monday.getMonth(), monday.getDate() + days, 12, tz); return iso(d) }
  return { weekStart: at(0), from: at(-7), to: at(-1) }
}
