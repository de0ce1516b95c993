import { readableTeamIds } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { AppError, validationError } from '@/lib/http/app-error'
import type { Queryable } from '@/lib/db'
import { listServicesBySlug, type TeamServiceRow } from '@/lib/queries/get-service-by-slug'

// The one service a slug names for this reader: slugs are unique per team, so a token's is its own team's,
// and a person names the team when teams they may read share the slug. Another team's service that the
// reader may not read is answered exactly like a slug nobody has.
export async function resolveService(p: Principal, slug: string, teamSlug?: string, client?: Queryable): Promise<TeamServiceRow> {
  if (p.kind === 'token' && teamSlug && teamSlug !== p.teamSlug) {
    throw new AppError('FORBIDDEN', `This token belongs to team "${p.teamSlug}" and may not read team "${teamSlug}".`)
  }
  const found = await listServicesBySlug(slug, readableTeamIds(p), p.kind === 'token' ? p.teamSlug : teamSlug, client)
  if (found.length === 0) throw validationError([{ path: 'service', message: `no service "${slug}"${teamSlug ? ` in team "${teamSlug}"` : ''}` }])
  if (found.length > 1) throw ambiguousService(slug, found.map((s) => s.team))
  return found[0]!
}

export function ambiguousService(slug: string, teams: string[]) {
  return validationError([{ path: 'team', message: `service "${slug}" is in several teams (${teams.join(', ')}): name one with team` }])
}
