import { randomUUID } from 'node:crypto'
import { writerFor } from '@/lib/auth/access'
import type { UserPrincipal } from '@/lib/auth/principal'
import { withTransaction, type Tx } from '@/lib/db'
import { AppError, validationError } from '@/lib/http/app-error'
import { mergeIncident, type IncidentPatch } from '@/lib/ingest/incident-merge'
import { isDeploymentOfService } from '@/lib/queries/find-deployment-for-incident'
import { findOrCreateEnvironment } from '@/lib/queries/find-or-create-environment'
import { getServiceById } from '@/lib/queries/get-service-by-slug'
import { resolveService } from '@/lib/auth/resolve-service'
import type { ServiceRow } from '@/lib/queries/find-or-create-service'
import { getTeamById } from '@/lib/queries/get-team'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { getIncidentsByIds, type IncidentDto } from '@/lib/queries/list-incidents'
import type { AuditWho } from '@/lib/settings/audit-who'
import { lockIncidentById, writeIncident, type IncidentKey, type LockedIncident } from '@/lib/queries/upsert-incident-row'
import type { IncidentActionBody, ManualIncidentBody } from '@/lib/validation/incidents'

// Incidents changed by hand in the dashboard, by an admin or a maintainer of the service's team. The
// deployments' incident flags (change failure) and the rollups follow through the incident triggers.
export type IncidentChange = { incident: IncidentDto; changed: boolean }

async function assertMaintains(tx: Tx, p: UserPrincipal, service: ServiceRow): Promise<void> {
  const team = await getTeamById(service.teamId, tx)
  if (!team) throw new AppError('NOT_FOUND', `Service "${service.slug}" has no team.`)
  writerFor(p, team, `the incidents of service "${service.slug}"`)
}

type Audit = { who: AuditWho; action: 'incident.create' | 'incident.update'; teamId: number; details: Record<string, unknown> }

// Writes the merged incident and its audit event (only when something changed).
async function write(tx: Tx, key: IncidentKey, existing: LockedIncident | null, patch: IncidentPatch, audit: Audit): Promise<IncidentChange> {
  const merged = mergeIncident(existing, patch)
  if (merged.kind === 'invalid') throw validationError(merged.fields)
  // "unchanged" is only ever the answer for an incident that exists
  const id = merged.kind === 'write' ? (await writeIncident(tx, key, merged.next)).id : existing!.id
  if (merged.kind === 'write') {
    await recordAuditEvent({ ...audit.who, action: audit.action, target: { type: 'incident', id }, teamId: audit.teamId, details: audit.details }, tx)
  }
  const [incident] = await getIncidentsByIds([id], tx)
  return { incident: incident!, changed: merged.kind === 'write' }
}

export async function createIncidentByHand(p: UserPrincipal, who: AuditWho, body: ManualIncidentBody): Promise<IncidentChange> {
  return withTransaction(async (tx) => {
    const service = await resolveService(p, body.service, body.team, tx)
    await assertMaintains(tx, p, service)
    const environmentId = body.environment ? (await findOrCreateEnvironment(tx, { name: body.environment, path: 'environment' })).id : null
    const key = { serviceId: service.id, source: 'manual', externalId: randomUUID() }
    const fields = {
      title: body.title, severity: body.severity ?? null, openedAt: body.openedAt ?? new Date(), isOutage: body.outage ?? false, environmentId,
    }
    const details = { ...body, service: service.slug, team: service.team }
    return write(tx, key, null, fields, { who, action: 'incident.create', teamId: service.teamId, details })
  })
}

// Resolve or reopen, link or unlink the cause (link method "manual"), mark or unmark as an outage.
export async function changeIncidentByHand(p: UserPrincipal, who: AuditWho, id: number, body: IncidentActionBody): Promise<IncidentChange> {
  return withTransaction(async (tx) => {
    const existing = await lockIncidentById(tx, id)
    const service = existing && (await getServiceById(existing.serviceId, tx))
    if (!existing || !service) throw new AppError('NOT_FOUND', `No incident ${id}.`)
    await assertMaintains(tx, p, service)
    const patch: IncidentPatch = { resolvedAt: body.resolvedAt, isOutage: body.outage, notCausedByChange: body.notCausedByChange }
    if (body.causeDeploymentId === null) Object.assign(patch, { causeDeploymentId: null, causeLinkMethod: null })
    else if (body.causeDeploymentId !== undefined) {
      if (!(await isDeploymentOfService(tx, service.id, body.causeDeploymentId))) {
        throw validationError([{ path: 'causeDeploymentId', message: `no deployment ${body.causeDeploymentId} of service "${service.slug}"` }])
      }
      Object.assign(patch, { causeDeploymentId: body.causeDeploymentId, causeLinkMethod: 'manual' })
    }
    return write(tx, existing, existing, patch, { who, action: 'incident.update', teamId: service.teamId, details: { ...body } })
  })
}
