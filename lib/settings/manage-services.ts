import { readableTeamIds, writerFor } from '@/lib/auth/access'
import { ambiguousService } from '@/lib/auth/resolve-service'
import type { UserPrincipal } from '@/lib/auth/principal'
import { withTransaction } from '@/lib/db'
import { AppError } from '@/lib/http/app-error'
import { normalizeRepositoryUrl } from '@/lib/ingest/deployment-input'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { listServicesBySlug } from '@/lib/queries/get-service-by-slug'
import { getTeamById } from '@/lib/queries/get-team'
import { createService, recountCausedIncidents, updateService, type ServiceSettingsRow } from '@/lib/queries/settings/services'
import type { AuditWho } from '@/lib/settings/audit-who'
import { requireTeam } from '@/lib/settings/require-team'
import type { CreateServiceBody, UpdateServiceBody } from '@/lib/validation/settings'

// An admin, or a maintainer of the team the service is created in.
export async function addService(p: UserPrincipal, who: AuditWho, body: CreateServiceBody): Promise<ServiceSettingsRow> {
  const team = await requireTeam(body.team)
  writerFor(p, team)
  return withTransaction(async (tx) => {
    const service = await createService({
      teamId: team.id, slug: body.slug, name: body.name ?? body.slug,
      repositoryUrl: body.repositoryUrl ? normalizeRepositoryUrl(body.repositoryUrl) : null, pathPrefixes: body.pathPrefixes ?? [],
    }, tx)
    await recordAuditEvent({ ...who, action: 'service.create', target: { type: 'service', id: service.id }, teamId: team.id, details: { ...body } }, tx)
    return service
  })
}

// Renaming and mapping need the service's team; moving needs both the team it leaves and the one it joins.
// Slugs are unique per team: `teamSlug` (the route's ?team=) names the service's team when several have the slug.
export async function changeService(
  p: UserPrincipal, who: AuditWho, slug: string, teamSlug: string | undefined, body: UpdateServiceBody,
): Promise<ServiceSettingsRow> {
  const found = await listServicesBySlug(slug, readableTeamIds(p), teamSlug)
  if (found.length > 1) throw ambiguousService(slug, found.map((s) => s.team))
  const service = found[0]
  const current = service && (await getTeamById(service.teamId))
  if (!service || !current) throw new AppError('NOT_FOUND', `No service "${slug}"${teamSlug ? ` in team "${teamSlug}"` : ''}.`)
  writerFor(p, current, `service "${slug}"`)
  let teamId: number | undefined
  if (body.team !== undefined && body.team !== current.slug) {
    const target = await requireTeam(body.team)
    writerFor(p, target, `team "${target.slug}" (moving service "${slug}" into it)`)
    teamId = target.id
  }
  const repositoryUrl = body.repositoryUrl === undefined ? undefined : body.repositoryUrl && normalizeRepositoryUrl(body.repositoryUrl)
  return withTransaction(async (tx) => {
    const { name, pathPrefixes, downtimeGraceMinutes, incidentAttributionHours, cfrSeverities, ttrSeverities, environmentStrategies } = body
    const scoping = { downtimeGraceMinutes, incidentAttributionHours, cfrSeverities, ttrSeverities, environmentStrategies }
    const slo = { sloTarget: body.sloTarget, sloWindow: body.sloWindow, sloIndicator: body.sloIndicator === 'auto' ? null : body.sloIndicator }
    const change = { teamId, name, repositoryUrl, pathPrefixes, ...scoping, ...slo }
    const updated = await updateService(service.id, change, tx)
    if (cfrSeverities !== undefined) await recountCausedIncidents(service.id, tx)
    const details = { ...body, ...(teamId !== undefined ? { fromTeam: current.slug } : {}) }
    await recordAuditEvent({ ...who, action: 'service.update', target: { type: 'service', id: service.id }, teamId: updated.teamId, details }, tx)
    return updated
  })
}
