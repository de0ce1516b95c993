import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { OverviewParams } from '@/lib/dashboard/overview-params'

// The dashboard's scope: a team, one service, or the whole organisation (for a team-only reader, the
// teams they may read). Unknown names, and those of teams the reader may not read (absent from their
// options), leave the scope empty (the page says so) rather than silently widening it.
export async function resolveDashboardScope(p: OverviewParams, options: FilterOptions): Promise<ResolvedScope & { unknown: string[] }> {
  const unknown: string[] = []
  const team = p.team ? options.teams.find((t) => t.slug === p.team) : undefined
  if (p.team && !team) unknown.push(`team "${p.team}"`)
  if (p.service && !options.services.some((s) => s.slug === p.service)) unknown.push(`service "${p.service}"`)
  if (p.environment && !options.environments.some((e) => e.name === p.environment)) unknown.push(`environment "${p.environment}"`)
  if (unknown.length) return { team: p.team ?? null, services: [], environments: [], unknown }
  const [services, environments] = await Promise.all([
    listTeamServices(team?.id ?? null, p.service ? [p.service] : undefined, options.readable),
    listScopeEnvironments(p.environment),
  ])
  return { team: team?.slug ?? null, services, environments, unknown, wholeTeams: !p.service }
}
