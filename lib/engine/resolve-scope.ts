import type { Caller } from '@/lib/auth/resolve-caller'
import { AppError, validationError } from '@/lib/http/app-error'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { MetricsQuery } from '@/lib/validation/metrics'

// The services and environments a metrics request covers. A token reads its own team only.
export async function resolveMetricScope(caller: Caller, q: Pick<MetricsQuery, 'team' | 'service' | 'environment'>) {
  if (q.team && q.team !== caller.teamSlug) {
    throw new AppError('FORBIDDEN', `This token belongs to team "${caller.teamSlug}" and may not read team "${q.team}".`)
  }
  const services = await listTeamServices(caller.teamId, q.service)
  const unknown = (q.service ?? []).filter((slug) => !services.some((s) => s.slug === slug))
  if (unknown.length) throw validationError([{ path: 'service', message: `no service ${unknown.map((s) => `"${s}"`).join(', ')}` }])
  const foreign = services.filter((s) => s.teamId !== caller.teamId)
  if (foreign.length) {
    throw new AppError('FORBIDDEN', `This token belongs to team "${caller.teamSlug}" and may not read service "${foreign[0]!.slug}".`)
  }
  const environments = await listScopeEnvironments(q.environment)
  if (q.environment && environments.length === 0) throw validationError([{ path: 'environment', message: `no environment "${q.environment}"` }])
  return { team: caller.teamSlug, services, environments, wholeTeams: !q.service }
}
