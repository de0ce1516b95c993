// The running state of one check and what one sample does to it (pure: the scheduler and the
// availability API both apply samples through `applySample`, in a transaction that stores the result).
export type ProbeState = {
  lastUp: boolean | null
  lastSampleAt: Date | null
  consecutiveFailures: number
  // the first failing sample of the current failure run: the outage starts there
  downSince: Date | null
  openIncidentId: number | null
}

// previousAt: when the check's sample before this one ran, from a caller that knows better than the stored state
// (the scheduler does not store a passing sample of a check that was up, so last_sample_at lags behind it)
export type Sample = { at: Date; up: boolean; detail?: string | null; previousAt?: Date | null }

// prevAt: the previous sample's time (null for a check's first): downtime edges are told from the midpoint
export type StateChange = { at: Date; up: boolean; detail: string | null; prevAt: Date | null }

export type SampleEffect = {
  state: ProbeState
  // a state change to store (the first sample, and every flip), with when the sample before it ran
  stateChange: StateChange | null
  // open an outage incident from `openedAt` (the first failing sample)
  openIncident: { openedAt: Date } | null
  // resolve the open incident at the first passing sample
  resolveIncident: { incidentId: number; resolvedAt: Date } | null
  // the sample is not after the last one (a replay or late external result): nothing changes
  stale: boolean
}

export const initialProbeState: ProbeState = { lastUp: null, lastSampleAt: null, consecutiveFailures: 0, downSince: null, openIncidentId: null }

export function applySample(prev: ProbeState, sample: Sample, failureThreshold: number): SampleEffect {
  const none = { stateChange: null, openIncident: null, resolveIncident: null }
  if (prev.lastSampleAt && sample.at.getTime() <= prev.lastSampleAt.getTime()) return { state: prev, ...none, stale: true }
  const flipped = prev.lastUp !== sample.up
  const stateChange = flipped ? { at: sample.at, up: sample.up, detail: sample.detail ?? null, prevAt: previousSampleAt(prev, sample) } : null
  if (sample.up) {
    return {
      state: { lastUp: true, lastSampleAt: sample.at, consecutiveFailures: 0, downSince: null, openIncidentId: null },
      stateChange,
      openIncident: null,
      resolveIncident: prev.openIncidentId !== null ? { incidentId: prev.openIncidentId, resolvedAt: sample.at } : null,
      stale: false,
    }
  }
  const failures = prev.consecutiveFailures + 1
  const downSince = prev.lastUp === false && prev.downSince ? prev.downSince : sample.at
  const opens = prev.openIncidentId === null && failures >= failureThreshold
  return {
    state: { lastUp: false, lastSampleAt: sample.at, consecutiveFailures: failures, downSince, openIncidentId: prev.openIncidentId },
    stateChange,
    openIncident: opens ? { openedAt: downSince } : null,
    resolveIncident: null,
    stale: false,
  }
}

function previousSampleAt(prev: ProbeState, sample: Sample): Date | null {
  const known = [prev.lastSampleAt, sample.previousAt].filter((d): d is Date => !!d && d.getTime() < sample.at.getTime())
  return known.length === 0 ? null : new Date(Math.max(...known.map((d) => d.getTime())))
}

// Nothing to store: a passing sample of a check that was already up.
export function isQuietSample(prev: ProbeState, sample: Sample): boolean {
  return sample.up && prev.lastUp === true && prev.openIncidentId === null && prev.consecutiveFailures === 0
}
