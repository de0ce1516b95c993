import type { Interval } from '@/lib/metrics/intervals'

// One run of failing samples of a check, as its state changes store it: the last passing sample before
// it (null: the check's first sample failed), its first failing sample, its last failing sample and the
// passing sample that ended it (both null while it is still failing).
export type ProbeDownRun = { lastUpAt: Date | null; firstDownAt: Date; lastDownAt: Date | null; firstUpAt: Date | null }

// A downtime interval with how far each edge may be off: the real flip happened somewhere between the
// two samples around it, so an edge told at their midpoint is off by at most half the gap between them.
export type BoundedInterval = Interval & { startErrorMs: number; endErrorMs: number }

const mid = (a: number, b: number) => a + (b - a) / 2

// The midpoint rule (docs/availability.md): down from halfway between the last passing and the first failing
// sample to halfway between the last failing and the next passing one. Unbiased (a flip is as likely in
// either half of the gap), and its error is half a probe interval at each edge, where counting from the
// first failing sample to the next passing one was late by up to a whole interval at each edge.
// A check whose first sample failed was down from then as far as anyone knows: no earlier edge, no error.
export function probeDownInterval(run: ProbeDownRun): BoundedInterval {
  const firstDown = run.firstDownAt.getTime()
  const lastUp = run.lastUpAt?.getTime() ?? null
  const start = lastUp === null ? firstDown : mid(lastUp, firstDown)
  const startErrorMs = lastUp === null ? 0 : (firstDown - lastUp) / 2
  if (run.firstUpAt === null) return { start, end: null, startErrorMs, endErrorMs: 0 }
  const firstUp = run.firstUpAt.getTime()
  const lastDown = run.lastDownAt?.getTime() ?? firstDown
  return { start, end: mid(lastDown, firstUp), startErrorMs, endErrorMs: (firstUp - lastDown) / 2 }
}

// The bound on the downtime these intervals give within [from, to): the error of every edge told inside it
// (an edge clipped by the window is the window's own, exact). Overlapping intervals may share downtime, so
// this is an upper bound, never an understatement.
export function downtimeErrorMs(intervals: readonly (Interval & Partial<Pick<BoundedInterval, 'startErrorMs' | 'endErrorMs'>>)[], from: number, to: number): number {
  let error = 0
  for (const i of intervals) {
    const end = i.end ?? Infinity
    if (end <= from || i.start >= to) continue
    if (i.start > from) error += i.startErrorMs ?? 0
    if (end < to) error += i.endErrorMs ?? 0
  }
  return error
}

// The finest interval of the checks Plimsoll runs for a service (enabled http and tcp; an external check's
// results come whenever they are posted), or null without one: what the coarse-probes flag is judged by.
export function finestProbeInterval(checks: readonly { kind: string; enabled: boolean; intervalSeconds: number }[]): number | null {
  const run = checks.filter((c) => c.enabled && c.kind !== 'external').map((c) => c.intervalSeconds)
  return run.length === 0 ? null : Math.min(...run)
}
