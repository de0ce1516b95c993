import { AppError } from '@/lib/http/app-error'
import { authEnv } from '@/lib/auth/auth-env'
import type { Caller } from '@/lib/auth/resolve-caller'
import type { Principal, TokenPrincipal, UserPrincipal } from '@/lib/auth/principal'
import type { TokenScope } from '@/lib/auth/token-scopes'
import type { ReadableTeams } from '@/lib/queries/readable-teams'

// The rule every API route declares (lib/http/route.ts); e2e and integration tests walk routes x callers.
//   public    anyone (health, OpenAPI; webhooks check their own signatures)
//   ingest    an API token with the "ingest" scope (events are written for the token's team)
//   read      a signed-in person, or a token with "read" (its team only)
//   reports   a signed-in person, or a token with "reports" (its team only)
//   maintain  an admin, a maintainer (for their teams), or a token with "ingest" (its team: probes, SLOs as code)
//   dashboard a signed-in person (the web app's own JSON; tokens use /api/v1)
//   admin     a signed-in admin
export type Access = 'public' | 'ingest' | 'read' | 'reports' | 'maintain' | 'dashboard' | 'admin'

export type PrincipalFor<A extends Access> = A extends 'public'
  ? Principal | null
  : A extends 'ingest'
    ? TokenPrincipal
    : A extends 'admin' | 'dashboard'
      ? UserPrincipal
      : Principal

const TOKEN_SCOPE: Partial<Record<Access, TokenScope>> = { ingest: 'ingest', read: 'read', reports: 'reports', maintain: 'ingest' }

export function authorize<A extends Access>(principal: Principal | null, access: A): PrincipalFor<A> {
  if (access === 'public') return principal as PrincipalFor<A>
  if (!principal) throw new AppError('UNAUTHORIZED', 'Sign in, or send "Authorization: Bearer <token>".')
  if (principal.kind === 'token') {
    const scope = TOKEN_SCOPE[access]
    if (!scope) throw new AppError('FORBIDDEN', access === 'admin' ? 'This action needs a signed-in admin; API tokens cannot do it.' : 'This endpoint serves the web app to signed-in people; API tokens use /api/v1.')
    if (!principal.scopes.includes(scope)) throw new AppError('FORBIDDEN', `This token lacks the "${scope}" scope.`)
    return principal as PrincipalFor<A>
  }
  if (access === 'ingest') throw new AppError('FORBIDDEN', 'Ingest endpoints take an API token with the "ingest" scope.')
  if (access === 'admin' && principal.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin may do this.')
  if (access === 'maintain' && principal.role === 'viewer') throw new AppError('FORBIDDEN', 'Viewers may not change anything.')
  return principal as PrincipalFor<A>
}

// Team ids a caller may read, or "all". Tokens read their own team; admins everything; others
// everything unless the install is set to team-only reading (PLIMSOLL_READ_SCOPE=team).
export function readableTeamIds(p: Principal): ReadableTeams {
  if (p.kind === 'token') return [p.teamId]
  if (p.role === 'admin' || authEnv().PLIMSOLL_READ_SCOPE === 'org') return 'all'
  return p.teamIds
}

export function canReadTeam(p: Principal, teamId: number): boolean {
  const teams = readableTeamIds(p)
  return teams === 'all' || teams.includes(teamId)
}

export function assertCanReadTeam(p: Principal, team: { id: number; slug: string }, what = `team "${team.slug}"`): void {
  if (canReadTeam(p, team.id)) return
  throw new AppError('FORBIDDEN', p.kind === 'token'
    ? `This token belongs to team "${p.teamSlug}" and may not read ${what}.`
    : `You may read only your teams' data, not ${what}.`)
}

export function canMaintainTeam(p: Principal, teamId: number): boolean {
  if (p.kind === 'token') return p.teamId === teamId && p.scopes.includes('ingest')
  return p.role === 'admin' || (p.role === 'maintainer' && p.teamIds.includes(teamId))
}

// The team-bound writer a change is recorded as: the token itself, or a person acting for a team.
export function writerFor(p: Principal, team: { id: number; slug: string }, what = `team "${team.slug}"`): Caller {
  if (!canMaintainTeam(p, team.id)) {
    throw new AppError('FORBIDDEN', p.kind === 'token'
      ? `This token belongs to team "${p.teamSlug}" and may not change ${what}.`
      : `Only an admin or a maintainer of team "${team.slug}" may change ${what}.`)
  }
  return { tokenId: p.kind === 'token' ? p.tokenId : null, teamId: team.id, teamSlug: team.slug }
}
