import { complianceMetric, type ComplianceMetric } from '@/lib/compliance/compliance-metric'
import { complianceBreakdown } from '@/lib/compliance/compliance-breakdown'
import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { scopeGoals } from '@/lib/dashboard/scope-goals'
import { sharedSlugs } from '@/lib/dashboard/service-ref'
import { listScanPoints } from '@/lib/queries/compliance/list-scan-points'
import { listFilterOptions, type FilterOptions } from '@/lib/queries/list-filter-options'
import type { ReadableTeams } from '@/lib/queries/readable-teams'
import { listBuckets, previousWindow } from '@/lib/time/buckets'

export type { FilterOptions }

// The view-model of /metrics/compliance: what the filter bar offers the reader, and for the scope and range
// it selects the compliance metric (the figures of `compliance` in GET /api/v1/metrics), its breakdown by
// team and service with the scans behind each service's S, the scope's compliance goal (drawn on the chart), and
// the slugs several teams share (for links).
export const getComplianceFilterOptions = (readable: ReadableTeams): Promise<FilterOptions> => listFilterOptions(readable)

export async function getComplianceMetricView(p: OverviewParams, options: FilterOptions) {
  const scope = await resolveDashboardScope(p, options)
  const [scans, goals] = await Promise.all([listScanPoints(scope.services.map((s) => s.id)), scopeGoals(p, scope, options)])
  const teamNames = new Map(options.teams.map((t) => [t.id, t.name]))
  const services = scope.services.map((s) => ({
    slug: s.slug, name: s.name, team: s.team, teamName: teamNames.get(s.teamId) ?? s.team, scans: scans.filter((x) => x.serviceId === s.id),
  }))
  const previous = previousWindow(p.window.from, p.window.to)
  const metric: ComplianceMetric = complianceMetric(services, p.window, previous, listBuckets(p.window.from, p.window.to, p.granularity, p.tz))
  const goal = goals.find((g) => g.metric === 'compliance')?.target
  return { unknown: scope.unknown, metric, breakdown: complianceBreakdown(services, p.window, previous), shared: sharedSlugs(options.services), goal }
}
