import { cookies } from 'next/headers'
import { TZ_COOKIE, isValidTimeZone } from '@/lib/time/time-zone'

// The browser's time zone, which components/layout/browser-time-zone.tsx keeps in a cookie: the zone a
// page shows without a tz parameter (UTC before the browser has said).
export async function browserTimeZone(): Promise<string> {
  const tz = (await cookies()).get(TZ_COOKIE)?.value
  return tz && isValidTimeZone(tz) ? tz : 'UTC'
}

// The zone of a page without the dashboard's filters: its tz parameter when valid, else the browser's.
export async function pageTimeZone(raw: Record<string, string | string[] | undefined>): Promise<string> {
  const tz = Array.isArray(raw.tz) ? raw.tz[0] : raw.tz
  return tz && isValidTimeZone(tz) ? tz : browserTimeZone()
}
