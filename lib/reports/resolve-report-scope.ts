import type { TokenPrincipal } from '@/lib/auth/principal'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import { validationError } from '@/lib/http/app-error'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { ReportRequest } from '@/lib/reports/get-quarterly-report'

type ScopeParams = { team?: string; service?: string }

// A token's report: its own team, or one of its services (the metrics API's rules and errors).
export async function resolveTokenReportScope(caller: TokenPrincipal, p: ScopeParams): Promise<ReportRequest['scope']> {
  const scope = await resolveMetricScope(caller, { team: p.team, service: p.service ? [p.service] : undefined })
  return { ...scope, kind: p.service ? 'service' : 'team', teamOf: new Map([[caller.teamId, caller.teamSlug]]) }
}

// The dashboard's (and the quarter-end job's) report: the organisation, a team or a service.
export async function resolveReportScope(p: ScopeParams): Promise<ReportRequest['scope']> {
  // every team: the caller's right to the scope is checked after (assertScopeReadable), with a clear 403
  const options = await listFilterOptions('all')
  const team = p.team ? options.teams.find((t) => t.slug === p.team) : undefined
  if (p.team && !team) throw validationError([{ path: 'team', message: `no team "${p.team}"` }])
  const service = p.service ? options.services.find((s) => s.slug === p.service) : undefined
  if (p.service && !service) throw validationError([{ path: 'service', message: `no service "${p.service}"` }])
  if (team && service && service.team !== team.slug) throw validationError([{ path: 'service', message: `service "${p.service}" is not in team "${p.team}"` }])
  const [services, environments] = await Promise.all([listTeamServices(team?.id ?? null, p.service ? [p.service] : undefined), listScopeEnvironments(undefined)])
  const teamOf = new Map(options.teams.map((t) => [t.id, t.slug]))
  const kind = p.service ? 'service' : team ? 'team' : 'org'
  return { team: team?.slug ?? (service ? service.team : null), services, environments, wholeTeams: !p.service, kind, teamOf }
}
