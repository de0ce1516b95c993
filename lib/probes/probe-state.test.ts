import { describe, expect, it } from 'vitest'
import { applySample, initialProbeState, isQuietSample, type ProbeState } from '@/lib/probes/probe-state'

const t = (s: number) => new Date(Date.UTC(2026, 4, 1) + s * 1000)

// Runs a sequence of samples (every 10 s from t(0)) and returns what each did.
function run(ups: boolean[], threshold = 3, start: ProbeState = initialProbeState) {
  let state = start
  return ups.map((up, i) => {
    const effect = applySample(state, { at: t(i * 10), up }, threshold)
    state = effect.state.openIncidentId === null && effect.openIncident ? { ...effect.state, openIncidentId: 100 + i } : effect.state
    return { ...effect, state }
  })
}

describe('applySample', () => {
  it.each([
    { name: 'first passing sample records the state', ups: [true], changes: [[0, true]], opened: [], resolved: [] },
    { name: 'steady up records nothing more', ups: [true, true, true], changes: [[0, true]], opened: [], resolved: [] },
    { name: 'two failures stay under the threshold of 3', ups: [true, false, false, true], changes: [[0, true], [10, false], [30, true]], opened: [], resolved: [] },
    { name: 'three failures open an incident from the first failing sample', ups: [true, false, false, false, true], changes: [[0, true], [10, false], [40, true]], opened: [10], resolved: [40] },
    { name: 'a long outage opens one incident', ups: [false, false, false, false, false, false], changes: [[0, false]], opened: [0], resolved: [] },
    { name: 'flapping under the threshold never opens', ups: [false, false, true, false, false, true], changes: [[0, false], [20, true], [30, false], [50, true]], opened: [], resolved: [] },
  ])('$name', ({ ups, changes, opened, resolved }) => {
    const effects = run(ups)
    expect(effects.flatMap((e) => (e.stateChange ? [[(e.stateChange.at.getTime() - t(0).getTime()) / 1000, e.stateChange.up]] : []))).toEqual(changes)
    expect(effects.flatMap((e) => (e.openIncident ? [(e.openIncident.openedAt.getTime() - t(0).getTime()) / 1000] : []))).toEqual(opened)
    expect(effects.flatMap((e) => (e.resolveIncident ? [(e.resolveIncident.resolvedAt.getTime() - t(0).getTime()) / 1000] : []))).toEqual(resolved)
  })

  it.each([1, 2, 5])('opens at failure number %i with that threshold', (threshold) => {
    const effects = run(Array(6).fill(false), threshold)
    expect(effects.findIndex((e) => e.openIncident)).toBe(threshold - 1)
  })

  it('ignores a sample not after the last one', () => {
    const [first] = run([true])
    const again = applySample(first!.state, { at: t(0), up: false }, 3)
    expect(again).toMatchObject({ stale: true, stateChange: null, state: first!.state })
  })

  it('resolves an incident left open by an earlier run', () => {
    const state: ProbeState = { lastUp: false, lastSampleAt: t(0), consecutiveFailures: 7, downSince: t(-60), openIncidentId: 9 }
    expect(applySample(state, { at: t(10), up: true }, 3).resolveIncident).toEqual({ incidentId: 9, resolvedAt: t(10) })
  })

  it.each([
    [{ ...initialProbeState, lastUp: true }, true, true],
    [{ ...initialProbeState, lastUp: true }, false, false],
    [initialProbeState, true, false],
    [{ ...initialProbeState, lastUp: true, consecutiveFailures: 1 }, true, false],
  ])('quiet sample %#', (state, up, quiet) => {
    expect(isQuietSample(state, { at: t(0), up })).toBe(quiet)
  })
})

describe('the previous sample of a state change (the midpoint rule needs it)', () => {
  const at = (s: number) => new Date(Date.parse('2026-05-01T00:00:00Z') + s * 1000)
  it.each([
    // stored last sample, the caller's previous sample, the flip's sample -> prevAt
    [0, null, 10, 0],
    [0, 30, 40, 30], // the scheduler's quiet passing samples were not stored: it knows the later one
    [null, null, 10, null], // a check's first sample has none
    [20, 10, 30, 20], // never earlier than the stored one
  ])('stored %s, known %s, sample %s -> %s', (stored, known, sample, expected) => {
    const prev = { lastUp: true, lastSampleAt: stored === null ? null : at(stored), consecutiveFailures: 0, downSince: null, openIncidentId: null }
    const effect = applySample(stored === null ? initialProbeState : prev, { at: at(sample), up: false, previousAt: known === null ? null : at(known) }, 3)
    expect(effect.stateChange?.prevAt ?? null).toEqual(expected === null ? null : at(expected))
  })
})
