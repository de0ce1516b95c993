import { describe, expect, it } from 'vitest'
import { downtimeErrorMs, finestProbeInterval, probeDownInterval } from '@/lib/metrics/probe-downtime'

const T0 = Date.parse('2026-05-01T00:00:00Z')
const at = (s: number | null) => (s === null ? null : new Date(T0 + s * 1000))
const run = (lastUp: number | null, firstDown: number, lastDown: number | null, firstUp: number | null) =>
  ({ lastUpAt: at(lastUp), firstDownAt: at(firstDown)!, lastDownAt: at(lastDown), firstUpAt: at(firstUp) })

describe('probeDownInterval (the midpoint rule)', () => {
  it.each([
    // last up, first down, last down, first up (s) -> start, end (s), error at each edge (s)
    [0, 10, 30, 40, 5, 35, 5, 5], // samples every 10 s: 30 s down, +/- 5 s at each edge
    [0, 10, 10, 20, 5, 15, 5, 5], // one failed sample: 10 s, where first-fail-to-next-pass also said 10 s but late
    [0, 60, 60, 120, 30, 90, 30, 30], // 60 s probes: one failure is 60 s +/- 60 s
    [0, 10, 40, 70, 5, 55, 5, 15], // a gap (skipped runs) before the recovery widens only that edge
    [null, 10, 20, 30, 10, 25, 0, 5], // the check's first sample failed: down from it, nothing known before
  ])('%s,%s,%s,%s', (lastUp, firstDown, lastDown, firstUp, start, end, startErr, endErr) => {
    expect(probeDownInterval(run(lastUp, firstDown, lastDown, firstUp)))
      .toEqual({ start: T0 + start * 1000, end: T0 + end * 1000, startErrorMs: startErr * 1000, endErrorMs: endErr * 1000 })
  })

  it('a run still failing is open, with only its start uncertain', () => {
    expect(probeDownInterval(run(0, 10, null, null))).toEqual({ start: T0 + 5000, end: null, startErrorMs: 5000, endErrorMs: 0 })
  })

  // Every phase of a 37 s outage against 10 s probes: the told downtime is within its stated bound of 37 s.
  it.each(Array.from({ length: 20 }, (_, i) => i * 0.5))('a 37 s outage starting %f s after a probe is told within the bound', (phase) => {
    const outage = { start: 100 + phase, end: 137 + phase }
    const samples = Array.from({ length: 30 }, (_, k) => k * 10).map((t) => ({ t, up: !(t >= outage.start && t < outage.end) }))
    const firstDown = samples.findIndex((s) => !s.up)
    const firstUp = samples.findIndex((s, k) => k > firstDown && s.up)
    const i = probeDownInterval(run(samples[firstDown - 1]!.t, samples[firstDown]!.t, samples[firstUp - 1]!.t, samples[firstUp]!.t))
    const told = (i.end! - i.start) / 1000
    const bound = (i.startErrorMs + i.endErrorMs) / 1000
    expect(bound).toBe(10)
    expect(Math.abs(told - 37)).toBeLessThanOrEqual(bound)
  })
})

describe('downtimeErrorMs', () => {
  const i = { start: 5000, end: 35000, startErrorMs: 5000, endErrorMs: 5000 }
  it.each([
    [0, 60_000, 10_000], // both edges inside
    [20_000, 60_000, 5000], // start clipped by the window: exact there
    [0, 20_000, 5000], // end clipped
    [40_000, 60_000, 0], // outside
  ])('window [%i, %i) -> %i', (from, to, error) => expect(downtimeErrorMs([i], from, to)).toBe(error))

  it('incident intervals have no error; an open interval has no end edge', () => {
    expect(downtimeErrorMs([{ start: 1000, end: 2000 }, { start: 3000, end: null, startErrorMs: 500 }], 0, 10_000)).toBe(500)
  })
})

describe('finestProbeInterval', () => {
  it.each([
    [[{ kind: 'http', enabled: true, intervalSeconds: 60 }, { kind: 'tcp', enabled: true, intervalSeconds: 30 }], 30],
    [[{ kind: 'http', enabled: false, intervalSeconds: 10 }, { kind: 'external', enabled: true, intervalSeconds: 10 }], null],
    [[], null],
  ])('%#', (checks, interval) => expect(finestProbeInterval(checks)).toBe(interval))
})
