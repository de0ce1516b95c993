import { getComplianceOverview } from '@/lib/compliance/compliance-overview'
import { windowFigures, type ResolvedScope } from '@/lib/engine/get-metrics-report'
import { getSloStatuses } from '@/lib/engine/get-slo-statuses'
import { computeAvailability } from '@/lib/metrics/availability'
import { listAvailabilityEvidence } from '@/lib/queries/metrics/availability-evidence'
import { buildMetricsReport } from '@/lib/metrics/build-report'
import type { BenchmarkId } from '@/lib/metrics/benchmarks'
import { summarizeServices } from '@/lib/queries/metrics/per-service-summary'
import { listProbeDowntime } from '@/lib/queries/metrics/probe-downtime'
import { listOutages } from '@/lib/queries/metrics/time-to-restore'
import { countFindings } from '@/lib/queries/reports/count-findings'
import { listWorstIncidents } from '@/lib/queries/reports/list-worst-incidents'
import { buildQuarterlyReport, type ReportScope, type ServicePeriodRow } from '@/lib/reports/build-quarterly-report'
import { summarizeCompliance } from '@/lib/reports/compliance-summary'
import type { ReportPeriod } from '@/lib/reports/period'
import type { MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { listBuckets } from '@/lib/time/buckets'
import { computeStrategyComparison } from '@/lib/engine/get-strategy-comparison'

export type ReportRequest = { scope: ResolvedScope & { kind: ReportScope['kind']; teamOf: Map<number, string> }; period: ReportPeriod; tz: string; benchmark: BenchmarkId
  // only deployments of these strategies (issue 22); undefined: all
  strategies?: readonly string[] }

// Every figure of a quarterly report from the metrics engine (the same queries and the same
// buildMetricsReport as GET /api/v1/metrics), then the pure report model.
export async function getQuarterlyReport({ scope, period, tz, benchmark, strategies }: ReportRequest, now = new Date()) {
  const base = {
    serviceIds: scope.services.map((s) => s.id),
    environmentIds: scope.environments.map((e) => e.id),
    tz,
    teamIds: scope.wholeTeams ? [...new Set(scope.services.map((s) => s.teamId))] : undefined,
    strategies,
  }
  const asOf = period.to < now ? period.to : now
  const monthWindow: MetricWindow = { ...base, granularity: 'month', from: period.from, to: period.to }
  const months = listBuckets(period.from, period.to, 'month', tz).map((b) => ({ key: b.key.slice(0, 7), from: maxDate(b.start, period.from), to: minDate(b.end, period.to) }))
  const [current, weekly, previous, slo, quarterRows, monthRows, incidents, scores, findings, outages, probeDown, evidence] = await Promise.all([
    windowFigures(monthWindow, scope.services, now),
    windowFigures({ ...monthWindow, granularity: 'week' }, scope.services, now),
    windowFigures({ ...monthWindow, ...period.previous, totalsOnly: true }, scope.services, now),
    getSloStatuses(scope.services, base.environmentIds, now),
    summarizeServices(monthWindow),
    Promise.all(months.map((m) => summarizeServices({ ...monthWindow, from: m.from, to: m.to }))),
    listWorstIncidents({ ...base, from: period.from, to: period.to }),
    // each service's score as of the period's end (a past quarter built today shows that quarter's)
    getComplianceOverview({ serviceIds: base.serviceIds }, asOf, 90, { from: new Date(0), to: asOf }),
    countFindings(base.serviceIds, period.from, period.to),
    listOutages(monthWindow),
    listProbeDowntime(monthWindow),
    listAvailabilityEvidence(base.serviceIds),
  ])
  const compared = await computeStrategyComparison(scope, { from: period.from, to: period.to, tz })
  current.availability.services = current.availability.services.map((s, i) => ({ ...s, slo: slo.get(scope.services[i]!.id) }))
  // availability per month from the quarter's outage and probe-down intervals, clipped to each month
  // (computeAvailability clips them), as the metrics API computes it for a one-month window
  const availabilityOf = (from: Date, to: Date) => computeAvailability(scope.services, [...outages, ...probeDown], from, to, now, evidence).services
  const named = (rows: Awaited<ReturnType<typeof summarizeServices>>, from: Date, to: Date): ServicePeriodRow[] => {
    const byId = new Map(rows.map((r) => [r.serviceId, r]))
    const availability = availabilityOf(from, to)
    return scope.services.map((s, i) => ({ ...byId.get(s.id)!, service: s.slug, team: scope.teamOf.get(s.teamId) ?? '', availability: availability[i]!.availability }))
  }
  const report = buildMetricsReport(current, previous, listBuckets(period.from, period.to, 'month', tz), benchmark)
  return buildQuarterlyReport({
    scope: { kind: scope.kind, team: scope.team, service: scope.kind === 'service' ? scope.services[0]?.slug ?? null : null, services: scope.services.map((s) => s.slug), environments: scope.environments.map((e) => e.name),
      strategies: strategies ?? null },
    period, tz, benchmark, generatedAt: now,
    monthly: {
      scope: { team: scope.team, services: scope.services.map((s) => s.slug), environments: scope.environments.map((e) => e.name), strategies: strategies ?? null, from: period.from, to: period.to, tz, granularity: 'month' },
      previousWindow: { from: period.previous.from, to: period.previous.to },
      ...report,
    },
    weekly: buildMetricsReport(weekly, previous, listBuckets(period.from, period.to, 'week', tz), benchmark),
    services: named(quarterRows, period.from, period.to),
    months: months.map((m, i) => ({ month: m.key, from: m.from, to: m.to, services: named(monthRows[i]!, m.from, m.to) })),
    incidents,
    compliance: summarizeCompliance(scope.services, scores.services, findings),
    // a report filtered by strategy compares only those
    strategies: compared.strategies.filter((s) => !strategies || strategies.includes(s.strategy)),
  })
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b)
const minDate = (a: Date, b: Date) => (a < b ? a : b)
