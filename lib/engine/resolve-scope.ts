import { assertCanReadTeam, readableTeamIds } from '@/lib/auth/access'
import { ambiguousService } from '@/lib/auth/resolve-service'
import type { Principal } from '@/lib/auth/principal'
import { AppError, validationError } from '@/lib/errors/app-error'
import { getTeamBySlug, type TeamRef } from '@/lib/queries/get-team'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { MetricsQuery } from '@/lib/validation/metrics'

// The services and environments a metrics request covers. A token reads its own team only; a person
// reads the organisation (or, with team-only reading, their teams), narrowed by team and service. Slugs
// are unique per team: a slug no readable team has is "no service", whoever else has one (a token learns
// nothing of other teams' services), and a person names the team when several of theirs share it.
export async function resolveMetricScope(p: Principal, q: Pick<MetricsQuery, 'team' | 'service' | 'environment'>) {
  const team = await scopeTeam(p, q.team)
  const services = await listTeamServices(team?.id ?? null, q.service, readableTeamIds(p))
  const unknown = (q.service ?? []).filter((slug) => !services.some((s) => s.slug === slug))
  if (unknown.length) throw validationError([{ path: 'service', message: `no service ${unknown.map((s) => `"${s}"`).join(', ')}` }])
  const shared = (q.service ?? []).find((slug) => services.filter((s) => s.slug === slug).length > 1)
  if (shared) throw ambiguousService(shared, services.filter((s) => s.slug === shared).map((s) => s.team))
  const environments = await listScopeEnvironments(q.environment)
  if (q.environment && environments.length === 0) throw validationError([{ path: 'environment', message: `no environment "${q.environment}"` }])
  return { team: team?.slug ?? null, services, environments, wholeTeams: !q.service }
}

async function scopeTeam(p: Principal, slug: string | undefined): Promise<TeamRef | null> {
  if (p.kind === 'token') {
    if (slug && slug !== p.teamSlug) throw new AppError('FORBIDDEN', `This token belongs to team "${p.teamSlug}" and may not read team "${slug}".`)
    return { id: p.teamId, slug: p.teamSlug, name: p.teamSlug }
  }
  if (!slug) return null
  const team = await getTeamBySlug(slug)
  if (!team) throw validationError([{ path: 'team', message: `no team "${slug}"` }])
  assertCanReadTeam(p, team)
  return team
}
