import { writerFor } from '@/lib/auth/access'
import type { UserPrincipal } from '@/lib/auth/principal'
import { AppError } from '@/lib/http/app-error'
import { normalizeRepositoryUrl } from '@/lib/ingest/deployment-input'
import { getServiceBySlug } from '@/lib/queries/get-service-by-slug'
import { getTeamById } from '@/lib/queries/get-team'
import { createService, updateService, type ServiceSettingsRow } from '@/lib/queries/settings/services'
import { requireTeam } from '@/lib/settings/require-team'
import type { CreateServiceBody, UpdateServiceBody } from '@/lib/validation/settings'

// An admin, or a maintainer of the team the service is created in.
export async function addService(p: UserPrincipal, body: CreateServiceBody): Promise<ServiceSettingsRow> {
  const team = await requireTeam(body.team)
  writerFor(p, team)
  return createService({
    teamId: team.id, slug: body.slug, name: body.name ?? body.slug,
    repositoryUrl: body.repositoryUrl ? normalizeRepositoryUrl(body.repositoryUrl) : null, pathPrefixes: body.pathPrefixes ?? [],
  })
}

// Renaming and mapping need the service's team; moving needs both the team it leaves and the one it joins.
export async function changeService(p: UserPrincipal, slug: string, body: UpdateServiceBody): Promise<ServiceSettingsRow> {
  const service = await getServiceBySlug(slug)
  const current = service && (await getTeamById(service.teamId))
  if (!service || !current) throw new AppError('NOT_FOUND', `No service "${slug}".`)
  writerFor(p, current, `service "${slug}"`)
  let teamId: number | undefined
  if (body.team !== undefined && body.team !== current.slug) {
    const target = await requireTeam(body.team)
    writerFor(p, target, `team "${target.slug}" (moving service "${slug}" into it)`)
    teamId = target.id
  }
  const repositoryUrl = body.repositoryUrl === undefined ? undefined : body.repositoryUrl && normalizeRepositoryUrl(body.repositoryUrl)
  return updateService(service.id, { teamId, name: body.name, repositoryUrl, pathPrefixes: body.pathPrefixes })
}
