import type { Principal } from '@/lib/auth/principal'
import { AppError, validationError } from '@/lib/http/app-error'
import { getServiceBySlug } from '@/lib/queries/get-service-by-slug'
import type { TeamRef } from '@/lib/queries/get-team'

// A team's list filtered to another team's service is refused rather than silently empty.
export async function assertServiceReadable(p: Principal, team: TeamRef, slug: string | undefined): Promise<void> {
  if (!slug) return
  const service = await getServiceBySlug(slug)
  if (!service || service.teamId === team.id) return
  if (p.kind === 'token') throw new AppError('FORBIDDEN', `This token belongs to team "${p.teamSlug}" and may not write or read service "${slug}".`)
  throw validationError([{ path: 'service', message: `service "${slug}" is not in team "${team.slug}"` }])
}
