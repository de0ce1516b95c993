import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { getComplianceOverview } from '@/lib/compliance/compliance-overview'
import { getSloStatuses } from '@/lib/engine/get-slo-statuses'
import { windowAvailability } from '@/lib/engine/window-availability'
import { benchmarks } from '@/lib/metrics/benchmarks'
import { ratio } from '@/lib/metrics/compare'
import { serviceLevels, type ServiceLevels } from '@/lib/metrics/minimum-sample'
import type { SloStatus } from '@/lib/metrics/slo'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import { summarizeServices } from '@/lib/queries/metrics/per-service-summary'

export type ServiceTableRow = {
  slug: string
  name: string
  team: string
  weekly: number[]
  values: { frequency: number; leadTime: number | null; changeFailureRate: number | null; timeToRestore: number | null; availability: number | null }
  levels: ServiceLevels
  // deployments finished in the window (the sample of frequency and change failure rate)
  finished: number
  // the service's SLO now over its own window; null when it has no availability data at all
  slo: SloStatus | null
  // its compliance score as of the window's end, when it was scanned in the window
  compliance: { score: number | null; grade: string | null } | null
}

// One row per service of the scope (the filter bar's team, else every readable one) over the filter bar's
// window: the DORA headlines with their levels (none below the minimum sample), availability over
// observed time, the SLO now and compliance in the range: /services and the overview's services table.
export async function getServicesTable(p: OverviewParams, options: FilterOptions, now: Date): Promise<ServiceTableRow[]> {
  const teamId = p.team ? options.teams.find((t) => t.slug === p.team)?.id : null
  if (teamId === undefined) return []
  const [services, environments] = await Promise.all([listTeamServices(teamId, undefined, options.readable), listScopeEnvironments(p.environment)])
  const w = { serviceIds: services.map((s) => s.id), environmentIds: environments.map((e) => e.id), ...p.window, tz: p.tz, granularity: p.granularity, strategies: p.strategy }
  const [summaries, availability, slo, compliance] = await Promise.all([
    summarizeServices(w),
    windowAvailability(w, services, now),
    getSloStatuses(services, w.environmentIds, now),
    getComplianceOverview({ serviceIds: w.serviceIds }, now, 1, p.window),
  ])
  const bench = benchmarks[p.benchmark]
  const days = (p.window.to.getTime() - p.window.from.getTime()) / 86_400_000
  return services.map((s, i) => {
    const m = summaries.find((x) => x.serviceId === s.id)!
    const observed = availability.services[i]!.availability
    const scan = compliance.services.find((c) => c.slug === s.slug && c.team === s.team)
    const values = { frequency: m.deployments / days, leadTime: m.leadTimeMedian, changeFailureRate: ratio(m.failures, m.finished), timeToRestore: m.restoreMedian, availability: observed }
    return {
      slug: s.slug, name: s.name, team: s.team, weekly: m.weekly, values, finished: m.finished,
      levels: serviceLevels(bench, m, values.frequency, values.changeFailureRate),
      slo: availability.withoutData.includes(s.slug) ? null : (slo.get(s.id) ?? null),
      compliance: scan ? { score: scan.current.s, grade: scan.current.grade } : null,
    }
  })
}
