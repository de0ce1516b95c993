import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import { getServiceBySlug } from '@/lib/queries/get-service-by-slug'

// A list filtered to another team's service is refused rather than silently empty.
export async function assertServiceReadable(caller: Caller, slug: string | undefined): Promise<void> {
  if (!slug) return
  const service = await getServiceBySlug(slug)
  if (service) assertTeam(caller, service.teamId, `service "${slug}"`)
}
