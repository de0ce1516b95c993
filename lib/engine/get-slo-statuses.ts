import { finestProbeInterval } from '@/lib/metrics/probe-downtime'
import { computeSloStatus, earliestSloStart, type SloStatus } from '@/lib/metrics/slo'
import type { ScopedService } from '@/lib/queries/metrics/resolve-metric-scope'
import { listProbeDowntime, type ProbeDownInterval } from '@/lib/queries/metrics/probe-downtime'
import { listProbeChecks } from '@/lib/queries/probes/list-probe-checks'
import { getRequestSlos } from '@/lib/engine/request-slos'
import { listOutages, type OutageInterval } from '@/lib/queries/metrics/time-to-restore'

// Each service's SLO at `now` over its own window (28/30 days rolling or the calendar quarter),
// independent of the report's window: downtime from outage incidents and probes, counted once.
export async function getSloStatuses(services: ScopedService[], environmentIds: number[], now: Date): Promise<Map<number, SloStatus>> {
  if (services.length === 0) return new Map()
  const w = { serviceIds: services.map((s) => s.id), environmentIds, from: earliestSloStart(services.map((s) => s.sloWindow), now), to: now, tz: 'UTC', granularity: 'day' as const }
  const [outages, probeDown, checks, requests] = await Promise.all([listOutages(w), listProbeDowntime(w), listProbeChecks(w.serviceIds), getRequestSlos(services, now)])
  const byService = new Map<number, OutageInterval[]>()
  for (const o of [...outages, ...probeDown]) byService.set(o.serviceId, [...(byService.get(o.serviceId) ?? []), o])
  return new Map(services.map((s) => {
    const probeIntervalSeconds = finestProbeInterval(checks.filter((c) => c.serviceId === s.id))
    return [s.id, computeSloStatus(s.sloTarget, s.sloWindow, (byService.get(s.id) ?? []).map(toInterval), now, { probeIntervalSeconds, ...requests.get(s.id) })]
  }))
}

// epoch-ms intervals for the metrics; a probe's edges keep their error bounds
export const toInterval = (o: OutageInterval & Partial<Pick<ProbeDownInterval, 'startErrorMs' | 'endErrorMs'>>) =>
  ({ start: o.start.getTime(), end: o.end?.getTime() ?? null, startErrorMs: o.startErrorMs, endErrorMs: o.endErrorMs })
