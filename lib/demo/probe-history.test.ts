import { describe, expect, it } from 'vitest'
import { DAY, MINUTE } from './calendar'
import { planDemo } from './generate-demo'
import { buildProbeHistory, PROBE_DAYS, type DemoProbeHistory, type RecreateWindow } from './probe-history'

const now = new Date('2026-06-01T00:00:00Z')
const plan = planDemo({ seed: 1, now })
const serviceId = (slug: string) => plan.organisation.services.find((s) => s.slug === slug)!.id
const recreates: RecreateWindow[] = [{ serviceId: serviceId('billing-engine'), finishedAt: now.getTime() - 10 * DAY + 17 * MINUTE }]
const build = (seed = 1) => buildProbeHistory(plan.services, seed, now.getTime(), recreates, 500)

// Down intervals of one service's check from its state changes, as availability reads them.
function downtime(h: DemoProbeHistory, slug: string, from: number): number {
  const check = h.checks.find((c) => c.serviceId === serviceId(slug))!
  const changes = h.stateChanges.filter((s) => s.checkId === check.id)
  let total = 0
  changes.forEach((c, i) => {
    if (c.up) return
    const end = changes[i + 1]?.at ?? now.getTime()
    total += Math.max(0, end - Math.max(c.at, from))
  })
  return total
}

describe('buildProbeHistory', () => {
  const history = build()

  it('is the same for the same seed and differs for another', () => {
    expect(build()).toEqual(history)
    expect(build(2).stateChanges).not.toEqual(history.stateChanges)
  })

  it('has one check per service, sampled for 90 days, up at the end', () => {
    expect(history.checks).toHaveLength(plan.services.length)
    expect(history.to - history.from).toBe(PROBE_DAYS * DAY - MINUTE / 2)
    for (const c of history.checks) {
      expect(c.state).toMatchObject({ lastUp: true, consecutiveFailures: 0, downSince: null, openIncidentId: null })
      expect(c.state.lastSampleAt!.getTime()).toBe(now.getTime() - MINUTE / 2)
    }
  })

  it('alternates state changes, starting up at the first sample', () => {
    for (const c of history.checks) {
      const changes = history.stateChanges.filter((s) => s.checkId === c.id)
      expect(changes[0]).toMatchObject({ at: history.from, up: true })
      changes.forEach((s, i) => expect(s.up).toBe(i % 2 === 0))
    }
  })

  it('opens an outage incident for three failing samples in a row, from the first, resolved at the next pass', () => {
    const downs = history.stateChanges.map((s, i) => ({ s, next: history.stateChanges[i + 1]! })).filter(({ s }) => !s.up)
    const long = downs.filter(({ s, next }) => next.at - s.at >= 3 * MINUTE)
    expect(long.length).toBeGreaterThan(10)
    expect(downs.length).toBeGreaterThan(long.length) // blips: downtime without an incident
    expect(history.incidents.map((i) => [i.openedAt, i.resolvedAt]).sort()).toEqual(long.map(({ s, next }) => [s.at, next.at]).sort())
    expect(history.incidents.map((i) => i.id)).toEqual(history.incidents.map((_, k) => 500 + k))
    for (const i of history.incidents) expect(i.externalId).toBe(`check-${history.checks.find((c) => c.serviceId === i.serviceId)!.id}-${new Date(i.openedAt).toISOString()}`)
  })

  it('has a recreate deployment down while no instance was ready', () => {
    const finished = recreates[0]!.finishedAt
    const down = history.stateChanges.find((s) => !s.up && s.detail?.includes('recreate'))
    expect(down!.at).toBeLessThan(finished)
    expect(down!.at).toBeGreaterThanOrEqual(finished - 7 * MINUTE)
  })

  it('meets five nines for checkout-api and misses them for search-api', () => {
    const from = history.from
    const allowed = (PROBE_DAYS * DAY) * 0.00001
    expect(downtime(history, 'checkout-api', from)).toBeLessThanOrEqual(allowed)
    expect(downtime(history, 'checkout-api', now.getTime() - 30 * DAY)).toBe(0)
    expect(downtime(history, 'search-api', from)).toBeGreaterThan(allowed)
  })

  it('writes whole hour rollups for the failing hours, counting each failing sample once', () => {
    const failing = history.failingHours.reduce((n, r) => n + r.fail.reduce((a, b) => a + b, 0), 0)
    const downMinutes = history.checks.reduce((n, c) => n + downtime(history, plan.services[c.id - 1]!.service.slug, history.from), 0) / MINUTE
    expect(failing).toBe(downMinutes)
    for (const r of history.failingHours) r.ok.forEach((ok, i) => expect(ok + r.fail[i]!).toBe(1))
  })
})
