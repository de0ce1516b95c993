import { assertCanReadTeam, writerFor } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import type { Caller } from '@/lib/auth/resolve-caller'
import { AppError, validationError } from '@/lib/http/app-error'
import { resolveService } from '@/lib/auth/resolve-service'
import { getTeamById, getTeamBySlug, type TeamRef } from '@/lib/queries/get-team'

// The one team a team-scoped list reads: a token's own team, or the team a signed-in person names.
export async function readTeam(p: Principal, teamSlug: string | undefined): Promise<TeamRef> {
  if (p.kind === 'token' && (!teamSlug || teamSlug === p.teamSlug)) return { id: p.teamId, slug: p.teamSlug, name: p.teamSlug }
  if (!teamSlug) throw validationError([{ path: 'team', message: 'name the team to read (required when signed in rather than using a team token)' }])
  const team = await getTeamBySlug(teamSlug)
  if (!team) throw validationError([{ path: 'team', message: `no team "${teamSlug}"` }])
  assertCanReadTeam(p, team)
  return team
}

// Who a probe or SLO change is recorded as. A token writes for its own team (its service of that slug,
// created on first sight); a person must maintain the team that owns the (existing) service, naming the
// team when several of the teams they may read have a service of that slug.
export async function writerForService(p: Principal, serviceSlug: string, teamSlug?: string): Promise<Caller> {
  if (p.kind === 'token') {
    if (teamSlug && teamSlug !== p.teamSlug) {
      throw new AppError('FORBIDDEN', `This token belongs to team "${p.teamSlug}" and may not change team "${teamSlug}".`)
    }
    return p
  }
  const service = await resolveService(p, serviceSlug, teamSlug).catch((err: unknown) => {
    throw err instanceof AppError && err.fields?.[0]?.path === 'service'
      ? validationError([{ path: 'service', message: `no service "${serviceSlug}" (create it in Settings first)` }])
      : err
  })
  const team = await getTeamById(service.teamId)
  if (!team) throw new AppError('NOT_FOUND', `Service "${serviceSlug}" has no team.`)
  return writerFor(p, team, `service "${serviceSlug}"`)
}
