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
  // slugs are unique per team: with teams of the reader sharing one, the team must be chosen too
  const named = p.service ? options.services.filter((s) => s.slug === p.service && (!team || s.team === team.slug)) : []
  if (p.service && named.length === 0) unknown.push(`service "${p.service}"${team ? ` in team "${team.slug}"` : ''}`)
  if (named.length > 1) unknown.push(`service "${p.service}" without a team (teams ${named.map((s) => s.team).join(', ')} have one: choose the team)`)
  if (p.environment && !options.environments.some((e) => e.name === p.environment)) unknown.push(`environment "${p.environment}"`)
  if (unknown.length) return { team: p.team ?? null, services: [], environments: [], unknown }
  const [services, environments] = await Promise.all([
    listTeamServices(team?.id ?? null, p.service ? [p.service] : undefined, options.readable),
    listScopeEnvironments(p.environment),
  ])
  return { team: team?.slug ?? null, services, environments, unknown, wholeTeams: !p.service }
}
