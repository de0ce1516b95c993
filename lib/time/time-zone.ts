// IANA zone names the runtime knows (Intl throws RangeError for anything else).
export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

// The cookie the browser's own zone is kept in (lib/time/browser-time-zone.ts reads it).
export const TZ_COOKIE = 'plimsoll-tz'

// Every IANA zone the runtime knows, for the zone picker (UTC first: Intl lists it only as Etc/UTC).
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return ['UTC', ...zones.filter((z) => z !== 'UTC')]
}
