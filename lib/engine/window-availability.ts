import { readPool, type Queryable } from '@/lib/db'
import { computeAvailability } from '@/lib/metrics/availability'
import type { ScopedService } from '@/lib/queries/metrics/resolve-metric-scope'
import type { MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { listOutages } from '@/lib/queries/metrics/time-to-restore'
import { listProbeDowntime } from '@/lib/queries/metrics/probe-downtime'
import { listAvailabilityEvidence } from '@/lib/queries/metrics/availability-evidence'

// Availability over a window, per service and for the scope: outages and probe-down counted once, only
// observed time (lib/metrics/availability.ts). The metrics report and the services table both read it here.
export async function windowAvailability(w: MetricWindow, services: ScopedService[], now: Date, db: Queryable = readPool()) {
  const [outages, probeDown, evidence] = await Promise.all([listOutages(w, db), listProbeDowntime(w, db), listAvailabilityEvidence(w.serviceIds, db)])
  return computeAvailability(services, [...outages, ...probeDown], w.from, w.to, now, evidence)
}
