import type { TokenPrincipal } from '@/lib/auth/principal'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import { validationError } from '@/lib/http/app-error'
import { ambiguousService } from '@/lib/auth/resolve-service'
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
  // slugs are unique per team: the team names which service, and must when several teams share the slug
  const named = p.service ? options.services.filter((s) => s.slug === p.service && (!team || s.team === team.slug)) : []
  if (p.service && named.length === 0) {
    throw validationError([{ path: 'service', message: `no service "${p.service}"${team ? ` in team "${team.slug}"` : ''}` }])
  }
  if (named.length > 1) throw ambiguousService(p.service!, named.map((s) => s.team))
  const service = named[0]
  const teamId = team?.id ?? (service ? options.teams.find((t) => t.slug === service.team)?.id : undefined) ?? null
  const [services, environments] = await Promise.all([listTeamServices(teamId, p.service ? [p.service] : undefined), listScopeEnvironments(undefined)])
  const teamOf = new Map(options.teams.map((t) => [t.id, t.slug]))
  const kind = p.service ? 'service' : team ? 'team' : 'org'
  return { team: team?.slug ?? (service ? service.team : null), services, environments, wholeTeams: !p.service, kind, teamOf }
}
