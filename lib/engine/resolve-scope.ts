import { assertCanReadTeam, readableTeamIds } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { AppError, validationError } from '@/lib/http/app-error'
import { getTeamBySlug, type TeamRef } from '@/lib/queries/get-team'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { MetricsQuery } from '@/lib/validation/metrics'

// The services and environments a metrics request covers. A token reads its own team only; a person
// reads the organisation (or, with team-only reading, their teams), narrowed by team and service.
export async function resolveMetricScope(p: Principal, q: Pick<MetricsQuery, 'team' | 'service' | 'environment'>) {
  const readable = readableTeamIds(p)
  const team = await scopeTeam(p, q.team)
  const listed = await listTeamServices(team?.id ?? null, q.service)
  const unknown = (q.service ?? []).filter((slug) => !listed.some((s) => s.slug === slug))
  if (unknown.length) throw validationError([{ path: 'service', message: `no service ${unknown.map((s) => `"${s}"`).join(', ')}` }])
  const foreign = readable === 'all' ? [] : listed.filter((s) => !readable.includes(s.teamId))
  if (foreign.length && q.service) {
    throw new AppError('FORBIDDEN', p.kind === 'token'
      ? `This token belongs to team "${p.teamSlug}" and may not read service "${foreign[0]!.slug}".`
      : `You may read only your teams' data, not service "${foreign[0]!.slug}".`)
  }
  // team-only readers without a team filter see the teams they belong to, whole
  const services = foreign.length ? listed.filter((s) => !foreign.includes(s)) : listed
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
