import { describe, expect, it } from 'vitest'
import { computeDailyUptime, spanAvailability, uptimeBand } from '@/lib/metrics/daily-uptime'

const now = new Date('2026-05-20T06:00:00Z')
const at = (iso: string) => Date.parse(iso)

describe('computeDailyUptime', () => {
  it('has one cell per UTC day, today monitored up to now, an outage across midnight split between its days', () => {
    const days = computeDailyUptime([{ start: at('2026-05-18T23:00:00Z'), end: at('2026-05-19T01:00:00Z') }, { start: at('2026-05-19T00:30:00Z'), end: at('2026-05-19T00:45:00Z') }], now, 3)
    expect(days.map((d) => [d.day, d.downtimeSeconds, d.monitoredSeconds])).toEqual([
      ['2026-05-18', 3600, 86_400], ['2026-05-19', 3600, 86_400], ['2026-05-20', 0, 6 * 3600],
    ])
    expect(days[0]!.availability).toBeCloseTo(1 - 1 / 24, 12)
    expect(spanAvailability(days)).toBeCloseTo(1 - 7200 / (54 * 3600), 12)
  })

  it('counts an outage still open up to now', () => {
    const days = computeDailyUptime([{ start: at('2026-05-20T05:00:00Z'), end: null }], now, 90)
    expect(days).toHaveLength(90)
    expect(days[0]!.day).toBe('2026-02-20')
    expect(days[89]).toMatchObject({ day: '2026-05-20', downtimeSeconds: 3600, monitoredSeconds: 6 * 3600 })
  })

  it('has no data before the first probe, and none at all for a service never observed', () => {
    const days = computeDailyUptime([{ start: at('2026-05-19T11:00:00Z'), end: at('2026-05-19T13:00:00Z') }], now, 3, at('2026-05-19T12:00:00Z'))
    expect(days.map((d) => [d.day, d.downtimeSeconds, d.monitoredSeconds, d.availability === null])).toEqual([
      ['2026-05-18', 0, 0, true], ['2026-05-19', 3600, 12 * 3600, false], ['2026-05-20', 0, 6 * 3600, false],
    ])
    expect(spanAvailability(days)).toBeCloseTo(1 - 1 / 18, 12)
    const never = computeDailyUptime([], now, 3, null)
    expect([never.every((d) => d.availability === null), spanAvailability(never)]).toEqual([true, null])
  })

  it.each([[null, 'none'], [1, 'full'], [0.9995, 'minor'], [0.999, 'minor'], [0.995, 'major'], [0.98, 'severe']] as const)('band of %s is %s', (a, band) => {
    expect(uptimeBand(a)).toBe(band)
  })
})
