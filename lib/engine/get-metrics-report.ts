import type { Principal } from '@/lib/auth/principal'
import { readPool } from '@/lib/db'
import { availabilitySeries, computeAvailability } from '@/lib/metrics/availability'
import { buildMetricsReport, type WindowFigures } from '@/lib/metrics/build-report'
import { listBuckets, previousWindow } from '@/lib/time/buckets'
import type { MetricsQuery } from '@/lib/validation/metrics'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import type { ScopedEnvironment, ScopedService } from '@/lib/queries/metrics/resolve-metric-scope'
import { windowRanges, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { countDeployments } from '@/lib/queries/metrics/deployment-frequency'
import { leadTimeStats, pullRequestLeadTime } from '@/lib/queries/metrics/lead-time'
import { getLeadTimeStages } from '@/lib/engine/get-lead-time-stages'
import { countChangeFailures } from '@/lib/queries/metrics/change-failure'
import { listOpenIncidents, listOutages, restoreStats } from '@/lib/queries/metrics/time-to-restore'
import { listProbeDowntime } from '@/lib/queries/metrics/probe-downtime'
import { listAvailabilityEvidence } from '@/lib/queries/metrics/availability-evidence'
import { getSloStatuses } from '@/lib/engine/get-slo-statuses'
import { complianceMetric } from '@/lib/compliance/compliance-metric'
import { listScanPoints } from '@/lib/queries/compliance/list-scan-points'
import { listProductionImages } from '@/lib/queries/compliance/list-production-images'
import { runningInProduction } from '@/lib/compliance/running-in-production'

const DAY_MS = 86_400_000

// wholeTeams: the services are every service of their teams (no service filter), so per-team
// precomputed figures (lead_time_rollup) cover exactly them
export type ResolvedScope = { team: string | null; services: ScopedService[]; environments: ScopedEnvironment[]; wholeTeams?: boolean }

// GET /api/v1/metrics: every metric for the caller's scope and window, next to the previous window, and
// the images running in production now (whatever the window: so not in computeMetricsReport, whose
// figures a report of a past quarter reuses), and lead time's stages (only the API and the lead time page
// read them: not every scorecard cell).
export async function getMetricsReport(principal: Principal, q: MetricsQuery, now = new Date()) {
  const scope = await resolveMetricScope(principal, q)
  const [report, images, leadTimeStages] = await Promise.all([
    computeMetricsReport(scope, q, now), listProductionImages(scope.services.map((s) => s.id), readPool()), getLeadTimeStages(scope, q),
  ])
  return { ...report, leadTimeStages, compliance: { ...report.compliance, runningInProduction: runningInProduction(scope.services, images) } }
}

export async function computeMetricsReport(scope: ResolvedScope, q: MetricsQuery, now = new Date()) {
  const base = {
    serviceIds: scope.services.map((s) => s.id),
    environmentIds: scope.environments.map((e) => e.id),
    tz: q.tz,
    granularity: q.granularity,
    teamIds: scope.wholeTeams ? [...new Set(scope.services.map((s) => s.teamId))] : undefined,
    strategies: q.strategy,
  }
  const current: MetricWindow = { ...base, from: q.from, to: q.to }
  const prev: MetricWindow = { ...base, ...previousWindow(q.from, q.to), totalsOnly: true }
  const [figures, previousFigures, slo, scans] = await Promise.all([
    windowFigures(current, scope.services, now), windowFigures(prev, scope.services, now), getSloStatuses(scope.services, base.environmentIds, now),
    listScanPoints(base.serviceIds, readPool()),
  ])
  figures.availability.services = figures.availability.services.map((s, i) => ({ ...s, slo: slo.get(scope.services[i]!.id) }))
  return {
    scope: {
      team: scope.team,
      services: scope.services.map((s) => s.slug),
      environments: scope.environments.map((e) => e.name),
      // null: every strategy; incidents (time to restore) and availability belong to services, not deployments
      strategies: q.strategy ?? null,
      from: q.from,
      to: q.to,
      tz: q.tz,
      granularity: q.granularity,
    },
    previousWindow: { from: prev.from, to: prev.to },
    ...buildMetricsReport(figures, previousFigures, listBuckets(q.from, q.to, q.granularity, q.tz), q.benchmark),
    // the compliance score S (docs/compliance.md): services scanned in the window, as of its end
    compliance: complianceMetric(
      scope.services.map((s) => ({ slug: s.slug, scans: scans.filter((p) => p.serviceId === s.id) })),
      current, prev, listBuckets(q.from, q.to, q.granularity, q.tz),
    ),
  }
}

export async function windowFigures(w: MetricWindow, services: ScopedService[], now: Date): Promise<WindowFigures> {
  // the heavy reads go to the read replica when DATABASE_READ_URL is set (docs/scaling.md)
  const db = readPool()
  const [deployments, leadTime, pullRequests, failures, restore, open, outages, probeDown, evidence] = await Promise.all([
    countDeployments(w, db),
    leadTimeStats(w, db),
    pullRequestLeadTime(w, db),
    countChangeFailures(w, db),
    restoreStats(w, db),
    listOpenIncidents(w, now, 20, db),
    listOutages(w, db),
    listProbeDowntime(w, db),
    listAvailabilityEvidence(w.serviceIds, db),
  ])
  const down = [...outages, ...probeDown]
  return {
    days: (w.to.getTime() - w.from.getTime()) / DAY_MS,
    deployments, leadTime, pullRequests, failures, restore, open,
    availability: computeAvailability(services, down, w.from, w.to, now, evidence),
    availabilitySeries: availabilitySeries(services, down, windowRanges(w), now, evidence),
  }
}
