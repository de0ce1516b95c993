import { benchmarks, type BenchmarkId } from '@/lib/metrics/benchmarks'
import { availabilityFigure, breakdownFigure, worstFirst, type BreakdownFigure } from '@/lib/metrics/breakdown'
import type { MetricName } from '@/lib/metrics/definitions'
import type { ServiceAvailability } from '@/lib/metrics/availability'
import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { summarizeGroups, summarizeServices, type ServiceMetricsRow } from '@/lib/queries/metrics/per-service-summary'
import type { Granularity } from '@/lib/time/buckets'

export type BreakdownRow = BreakdownFigure & { slug: string; name: string }
export type MetricBreakdown = { byTeam: BreakdownRow[]; byService: BreakdownRow[] }

const DAY_MS = 86_400_000

// A metric page's breakdown by team and by service over the page's window. Availability comes from the
// report's per-service figures (services: report.metrics.availability.summary.services); the others from
// one grouped pass per metric family (lib/queries/metrics/per-service-summary.ts).
export async function getMetricBreakdown(
  metric: MetricName,
  scope: ResolvedScope,
  q: { from: Date; to: Date; tz: string; granularity: Granularity; benchmark: BenchmarkId; strategy?: readonly string[] },
  options: FilterOptions,
  availability: ServiceAvailability[],
): Promise<MetricBreakdown> {
  const teams = new Map(options.teams.map((t) => [t.id, t]))
  const serviceNames = new Map(options.services.map((s) => [s.slug, s.name]))
  const teamOf = (teamId: number) => ({ slug: teams.get(teamId)?.slug ?? String(teamId), name: teams.get(teamId)?.name ?? String(teamId) })
  const service = (slug: string) => ({ slug, name: serviceNames.get(slug) ?? slug })
  if (scope.services.length === 0) return { byTeam: [], byService: [] }

  if (metric === 'availability') {
    const of = new Map(availability.map((a) => [a.service, a.availability]))
    const byService = scope.services.map((s) => ({ ...service(s.slug), ...availabilityFigure([of.get(s.slug) ?? null]) }))
    const teamIds = [...new Set(scope.services.map((s) => s.teamId))]
    const byTeam = teamIds.map((id) => ({
      ...teamOf(id),
      ...availabilityFigure(scope.services.filter((s) => s.teamId === id).map((s) => of.get(s.slug) ?? null)),
    }))
    return { byTeam: worstFirst(metric, byTeam), byService: worstFirst(metric, byService) }
  }

  const w = { serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id), from: q.from, to: q.to, tz: q.tz, granularity: q.granularity,
    strategies: q.strategy }
  const [services, teamRows] = await Promise.all([summarizeServices(w), summarizeGroups(w, scope.services.map((s) => s.teamId))])
  const days = (q.to.getTime() - q.from.getTime()) / DAY_MS
  const figure = (r: ServiceMetricsRow) => breakdownFigure(metric, benchmarks[q.benchmark], r, days)
  const slugOf = new Map(scope.services.map((s) => [s.id, s.slug]))
  return {
    byTeam: worstFirst(metric, teamRows.map((r) => ({ ...teamOf(r.serviceId), ...figure(r) }))),
    byService: worstFirst(metric, services.map((r) => ({ ...service(slugOf.get(r.serviceId) ?? String(r.serviceId)), ...figure(r) }))),
  }
}
