import { validationError } from '@/lib/http/app-error'
import { getTeamBySlug, type TeamRef } from '@/lib/queries/get-team'

// A team a body names: an unknown slug is a 422 on that field, not a 404 of the route.
export async function requireTeam(slug: string, path = 'team'): Promise<TeamRef> {
  const team = await getTeamBySlug(slug)
  if (!team) throw validationError([{ path, message: `no team "${slug}"` }])
  return team
}
