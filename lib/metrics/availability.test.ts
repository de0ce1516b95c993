import { describe, expect, it } from 'vitest'
import { availabilitySeries, computeAvailability } from '@/lib/metrics/availability'

const from = new Date('2026-05-01T00:00:00Z')
const to = new Date('2026-05-31T00:00:00Z') // 30 days
const now = new Date('2026-07-01T00:00:00Z')
const at = (h: number) => new Date(from.getTime() + h * 3_600_000)
const services = [{ id: 1, slug: 'api', sloTarget: 99.9 }, { id: 2, slug: 'web', sloTarget: 99 }]
// both services record outage incidents: observed over the whole window
const reporting = [{ serviceId: 1, probedSince: null, reportsOutages: true }, { serviceId: 2, probedSince: null, reportsOutages: true }]

describe('computeAvailability', () => {
  it('is 100% with no outages and keeps the whole error budget', () => {
    const r = computeAvailability(services.slice(0, 1), [], from, to, now, reporting)
    expect(r.value).toBe(1)
    expect(r.services[0]).toMatchObject({ downtimeSeconds: 0, monitoredSeconds: 30 * 86_400 })
    expect(r.services[0]!.errorBudgetRemainingSeconds).toBeCloseTo(0.001 * 30 * 86_400, 6)
  })

  it('counts overlapping outages once and clips them to the window', () => {
    const outages = [
      { serviceId: 1, start: at(10), end: at(12) },
      { serviceId: 1, start: at(11), end: at(13) }, // overlaps: 3 h in all
      { serviceId: 1, start: at(-5), end: at(1) }, // 1 h inside the window
      { serviceId: 2, start: at(30 * 24 - 2), end: null }, // still open: 2 h up to the window end
    ]
    const r = computeAvailability(services, outages, from, to, now, reporting)
    expect(r.services.map((s) => s.downtimeSeconds)).toEqual([4 * 3600, 2 * 3600])
    expect(r.services[0]!.availability).toBeCloseTo(1 - 4 / 720, 12)
    expect(r.value).toBeCloseTo(1 - (4 / 720 + 2 / 720) / 2, 12)
    expect(r.services[1]!.errorBudgetRemainingSeconds).toBeCloseTo(0.01 * 720 * 3600 - 2 * 3600, 6)
  })

  it('monitors only up to now when the window reaches the future', () => {
    const r = computeAvailability(services.slice(0, 1), [{ serviceId: 1, start: at(0), end: null }], from, to, at(24), reporting)
    expect(r.services[0]).toMatchObject({ monitoredSeconds: 86_400, downtimeSeconds: 86_400, availability: 0 })
  })

  it('has no value before the window starts', () => {
    expect(computeAvailability(services, [], from, to, at(-1), reporting).value).toBeNull()
  })

  it('a service without probes or outage incidents is no data: left out of the mean and listed', () => {
    const r = computeAvailability(services, [{ serviceId: 1, start: at(10), end: at(13) }], from, to, now, reporting.slice(0, 1))
    expect(r.services[1]).toMatchObject({ service: 'web', availability: null, monitoredFrom: null, monitoredSeconds: 0 })
    expect(r.value).toBeCloseTo(1 - 3 / 720, 12)
    expect(r.withoutData).toEqual(['web'])
  })

  it('counts only the time since the first probe', () => {
    const probed = [{ serviceId: 1, probedSince: at(24 * 20), reportsOutages: false }]
    const r = computeAvailability(services.slice(0, 1), [{ serviceId: 1, start: at(24 * 20 + 1), end: at(24 * 20 + 4) }], from, to, now, probed)
    expect(r.services[0]).toMatchObject({ monitoredSeconds: 10 * 86_400, downtimeSeconds: 3 * 3600, monitoredFrom: at(24 * 20) })
    expect(r.value).toBeCloseTo(1 - 3 / 240, 12)
  })

  it('a window wholly before the first probe is no data, never 100%', () => {
    const probed = [{ serviceId: 1, probedSince: at(24 * 40), reportsOutages: false }]
    const r = computeAvailability(services.slice(0, 1), [], from, to, now, probed)
    expect([r.value, r.services[0]!.availability, r.withoutData]).toEqual([null, null, ['api']])
  })

  it('an outage still open counts as downtime up to now', () => {
    const probed = [{ serviceId: 1, probedSince: at(0), reportsOutages: false }]
    const r = computeAvailability(services.slice(0, 1), [{ serviceId: 1, start: at(20), end: null }], from, to, at(24), probed)
    expect(r.services[0]).toMatchObject({ monitoredSeconds: 86_400, downtimeSeconds: 4 * 3600 })
    expect(r.services[0]!.errorBudgetRemainingSeconds).toBeCloseTo(0.001 * 86_400 - 4 * 3600, 6)
  })
})

describe('availabilitySeries', () => {
  const day = (d: number) => ({ key: `2026-05-0${d + 1}`, from: at(d * 24), to: at(d * 24 + 24) })

  it('gives each bucket its own downtime and mean, and no data before the first probe or after now', () => {
    const evidence = [{ serviceId: 1, probedSince: null, reportsOutages: true }, { serviceId: 2, probedSince: at(30), reportsOutages: false }]
    const outages = [{ serviceId: 1, start: at(6), end: at(12) }, { serviceId: 2, start: at(40), end: at(43) }]
    const points = availabilitySeries(services, outages, [day(0), day(1), day(2)], at(60), evidence)
    expect(points.map((p) => p.bucket)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03'])
    // day 0: only api observed, 6 h of 24 down
    expect(points[0]).toMatchObject({ value: 0.75, downtimeSeconds: 6 * 3600, services: 1 })
    // day 1: api up all day; web probed from hour 30 (18 h observed), 3 h down
    expect(points[1]!.services).toBe(2)
    expect(points[1]!.downtimeSeconds).toBe(3 * 3600)
    expect(points[1]!.value).toBeCloseTo((1 + (1 - 3 / 18)) / 2, 12)
    // day 2: now is hour 60, so 12 h observed for both, no outage
    expect(points[2]).toMatchObject({ value: 1, downtimeSeconds: 0, services: 2 })
    expect(availabilitySeries(services, outages, [day(3)], at(60), evidence)[0]).toMatchObject({ value: null, services: 0 })
  })

  it('has no points for a totals-only window', () => {
    expect(availabilitySeries(services, [], [{ key: null, from, to }], now, reporting)).toEqual([])
  })
})
