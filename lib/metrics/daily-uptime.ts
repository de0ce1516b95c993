import { totalDuration, unionWithin, type Interval } from '@/lib/metrics/intervals'

export type UptimeDay = { day: string; start: Date; downtimeSeconds: number; monitoredSeconds: number; availability: number | null }

const DAY = 86_400_000

// The last `days` UTC days up to `now` (today included, monitored up to now), each with its downtime
// (outages and probe-down intervals united) and availability: one cell of the uptime bar. Only time
// from `observedFrom` on (epoch ms; lib/metrics/availability.ts) is monitored: a day before it has no data.
export function computeDailyUptime(intervals: readonly Interval[], now: Date, days = 90, observedFrom: number | null = -Infinity): UptimeDay[] {
  const today = Math.floor(now.getTime() / DAY) * DAY
  return Array.from({ length: days }, (_, i) => {
    const dayStart = today - (days - 1 - i) * DAY
    const end = Math.min(dayStart + DAY, now.getTime())
    const start = observedFrom === null ? end : Math.max(dayStart, observedFrom)
    const monitored = Math.max(0, end - start)
    const down = monitored > 0 ? totalDuration(unionWithin(intervals, start, end)) : 0
    return { day: new Date(dayStart).toISOString().slice(0, 10), start: new Date(dayStart), downtimeSeconds: down / 1000, monitoredSeconds: monitored / 1000, availability: monitored > 0 ? 1 - down / monitored : null }
  })
}

// Availability over the whole span the days cover.
export function spanAvailability(days: UptimeDay[]): number | null {
  const monitored = days.reduce((s, d) => s + d.monitoredSeconds, 0)
  return monitored > 0 ? 1 - days.reduce((s, d) => s + d.downtimeSeconds, 0) / monitored : null
}

// The cell's colour band: green at 100%, then by how much of the day was lost.
export function uptimeBand(availability: number | null): 'none' | 'full' | 'minor' | 'major' | 'severe' {
  if (availability === null) return 'none'
  if (availability >= 1) return 'full'
  if (availability >= 0.999) return 'minor'
  if (availability >= 0.99) return 'major'
  return 'severe'
}
