import { applySample, initialProbeState, type ProbeState, type Sample } from '@/lib/probes/probe-state'
import { RollupBuffer, type RollupRow } from '@/lib/probes/rollup-buffer'
import { DAY, HOUR, MINUTE } from './calendar'
import type { ServicePlan } from './organisation'
import { createRandom, deriveSeed, type Random } from './random'

// 90 days of results of one synthetic check per demo service, every minute. The samples are replayed
// through the probes' own rules (applySample: a state change at each flip, an outage incident after the
// failure threshold, resolved at the next pass; RollupBuffer: per-minute rollups), but only the samples
// that can change something are replayed: a passing sample of a check that is up writes nothing.

export const PROBE_DAYS = 90
export const PROBE_INTERVAL_MS = MINUTE
export const PROBE_CHECK_NAME = 'synthetic'
export const PROBE_TIMEOUT_MS = 5000
export const PROBE_FAILURE_THRESHOLD = 3
const SEED_OFFSET = 1000 // the probes' random streams, apart from the services' delivery streams (0..n)
const OUTAGE_DETAILS = ['HTTP 503', 'HTTP 502', 'connection refused', `no answer within ${PROBE_TIMEOUT_MS} ms`] as const
const RECREATE_DETAIL = 'HTTP 503 (recreate: old pods stopped, new ones not ready)'

/** A production deployment that replaced every instance at once (strategy recreate). */
export interface RecreateWindow {
  serviceId: number
  finishedAt: number
}

export interface DemoProbeCheck {
  id: number
  serviceId: number
  latencyMs: number // passing samples, off hours (busy hours: a quarter more)
  state: ProbeState
}

export interface DemoProbeIncident {
  id: number
  serviceId: number
  externalId: string
  title: string
  openedAt: number
  resolvedAt: number | null
}

export interface DemoProbeHistory {
  from: number // first sample
  to: number // end of the last sample's minute (the demo's now)
  checks: DemoProbeCheck[]
  stateChanges: { checkId: number; at: number; up: boolean; detail: string | null }[]
  incidents: DemoProbeIncident[]
  /** Rollups of the hours with a failing sample; every other hour is all passing (written in SQL). */
  failingHours: RollupRow[]
}

type Run = { start: number; end: number; detail: string } // failing samples [start, end)

export function probeLatency(baseMs: number, at: number): number {
  const hour = new Date(at).getUTCHours()
  return hour >= 8 && hour < 18 ? baseMs + Math.round(baseMs / 4) : baseMs
}

export function buildProbeHistory(
  services: ServicePlan[], seed: number, now: number, recreates: RecreateWindow[], firstIncidentId: number,
): DemoProbeHistory {
  const from = now - PROBE_DAYS * DAY + PROBE_INTERVAL_MS / 2
  const samples = PROBE_DAYS * DAY / PROBE_INTERVAL_MS
  const history: DemoProbeHistory = { from, to: now, checks: [], stateChanges: [], incidents: [], failingHours: [] }
  const rollups = new RollupBuffer()
  let nextIncidentId = firstIncidentId
  services.forEach((plan, index) => {
    const { service, availability } = plan
    const checkId = index + 1
    const rng = createRandom(deriveSeed(seed, SEED_OFFSET + index))
    const runs = mergeRuns(failureRuns(rng, plan, samples, recreates.filter((r) => r.serviceId === service.id), from))
    const at = (k: number) => new Date(from + k * PROBE_INTERVAL_MS)
    let state = initialProbeState
    const apply = (sample: Sample) => {
      const effect = applySample(state, sample, PROBE_FAILURE_THRESHOLD)
      state = effect.state
      if (effect.stateChange) history.stateChanges.push({ checkId, ...effect.stateChange, at: effect.stateChange.at.getTime() })
      if (effect.openIncident) {
        const id = nextIncidentId++
        const openedAt = effect.openIncident.openedAt
        history.incidents.push({
          id, serviceId: service.id, externalId: `check-${checkId}-${openedAt.toISOString()}`,
          title: `${PROBE_CHECK_NAME} failing: ${sample.detail ?? 'down'}`, openedAt: openedAt.getTime(), resolvedAt: null,
        })
        state = { ...state, openIncidentId: id }
      }
      if (effect.resolveIncident) {
        const { incidentId, resolvedAt } = effect.resolveIncident
        const incident = history.incidents.find((i) => i.id === incidentId)
        if (incident) incident.resolvedAt = resolvedAt.getTime()
      }
    }
    apply({ at: at(0), up: true })
    for (const run of runs) {
      for (let k = run.start; k < run.end; k++) apply({ at: at(k), up: false, detail: run.detail })
      apply({ at: at(run.end), up: true })
    }
    addFailingHours(rollups, checkId, runs, from, availability.latencyMs)
    apply({ at: at(samples - 1), up: true })
    history.checks.push({ id: checkId, serviceId: service.id, latencyMs: availability.latencyMs, state })
  })
  history.failingHours = rollups.take(Infinity).sort((a, b) => a.checkId - b.checkId || a.hour.getTime() - b.hour.getTime())
  return history
}

// Outages (the most recent one within the last week, so every SLO window shows spent budget), blips of
// one or two failing samples, and the minutes a recreate deployment had no instance ready.
function failureRuns(rng: Random, plan: ServicePlan, samples: number, recreates: RecreateWindow[], from: number): Run[] {
  const { availability } = plan
  const perDay = DAY / PROBE_INTERVAL_MS
  const runs: Run[] = []
  for (let i = 0; i < availability.outages; i++) {
    const length = Math.max(PROBE_FAILURE_THRESHOLD, Math.round(rng.logNormal(availability.outageMinutes, 0.5)))
    const earliest = i === 0 ? samples - 7 * perDay : perDay
    const start = rng.int(earliest, samples - perDay / 24 - length)
    runs.push({ start, end: start + length, detail: rng.pick(OUTAGE_DETAILS) })
  }
  for (let i = 0; i < availability.blips; i++) {
    // an outage-free service's blip is older than its SLO window: it meets its target now
    const start = rng.int(perDay, availability.outageFree ? samples - 35 * perDay : samples - perDay / 24)
    const length = availability.outageFree ? 1 : rng.int(1, PROBE_FAILURE_THRESHOLD - 1) // one sample: 60 s, under 90 days' 77.8 s
    runs.push({ start, end: start + length, detail: rng.pick(OUTAGE_DETAILS) })
  }
  for (const r of recreates) {
    const end = Math.ceil((r.finishedAt - from) / PROBE_INTERVAL_MS)
    const start = end - rng.int(2, 6)
    if (start >= 1 && end < samples - 1) runs.push({ start, end, detail: RECREATE_DETAIL })
  }
  return runs
}

function mergeRuns(runs: Run[]): Run[] {
  const merged: Run[] = []
  for (const run of [...runs].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1]
    // a single passing sample between two runs stays: it is a real flip
    if (last && run.start <= last.end) last.end = Math.max(last.end, run.end)
    else merged.push({ ...run })
  }
  return merged
}

// Every sample of the hours a run touches, each hour once, so those hour rows are complete.
function addFailingHours(rollups: RollupBuffer, checkId: number, runs: Run[], from: number, latencyMs: number): void {
  const hours = new Set<number>()
  for (const run of runs) {
    for (let k = run.start; k < run.end; k++) hours.add(Math.floor((from + k * PROBE_INTERVAL_MS) / HOUR) * HOUR)
  }
  for (const hour of hours) {
    for (let t = hour + PROBE_INTERVAL_MS / 2; t < hour + HOUR; t += PROBE_INTERVAL_MS) {
      const k = Math.round((t - from) / PROBE_INTERVAL_MS)
      if (k < 0) continue
      const down = runs.some((r) => k >= r.start && k < r.end)
      rollups.add(checkId, new Date(t), !down, down ? PROBE_TIMEOUT_MS : probeLatency(latencyMs, t))
    }
  }
}
