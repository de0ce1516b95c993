import { withTransaction, type Tx } from '@/lib/db'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import { validationError } from '@/lib/errors/app-error'
import { mergeIncident, type IncidentFields, type IncidentPatch } from '@/lib/ingest/incident-merge'
import type { IngestOutcome } from '@/lib/ingest/outcome'
import type { RawRequest } from '@/lib/ingest/ingest-deployments'
import type { IncidentBody } from '@/lib/validation/incidents'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { findOrCreateEnvironment } from '@/lib/queries/find-or-create-environment'
import { lockIncident, writeIncident } from '@/lib/queries/upsert-incident-row'
import { findDeploymentByExternalId, findDeploymentCarryingSha } from '@/lib/queries/find-deployment-for-incident'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'
import { getIncidentsByIds } from '@/lib/queries/list-incidents'

// Creates or updates an incident by its external id, with the raw request, in one transaction.
export async function ingestIncident(caller: Caller, body: IncidentBody, request: RawRequest, source = 'api') {
  return withTransaction((tx) => ingestIncidentIn(tx, caller, body, request, source))
}

// The same inside a transaction of the caller's (incident sources record their event with the incident).
export async function ingestIncidentIn(tx: Tx, caller: Caller, body: IncidentBody, request: RawRequest, source: string) {
  const service = await findOrCreateService(tx, caller.teamId, { slug: body.service })
  assertTeam(caller, service.teamId, `service "${service.slug}"`)
  const key = { serviceId: service.id, source, externalId: body.id }
  const existing = await lockIncident(tx, key)
  const merged = mergeIncident(existing, await toPatch(tx, service.id, body, existing))
  if (merged.kind === 'invalid') throw validationError(merged.fields)
  let id = existing?.id
  let outcome: IngestOutcome = 'unchanged'
  if (merged.kind === 'write') {
    const written = await writeIncident(tx, key, merged.next)
    id = written.id
    outcome = written.created ? 'created' : 'updated'
  }
  await insertIngestLog(tx, { source, kind: request.kind, tokenId: caller.tokenId, rawBody: request.raw, outcome, receivedAt: request.receivedAt })
  const [incident] = await getIncidentsByIds([id!], tx)
  // what it was before this write: incident sources tell opened/resolved transitions (lib/notify/incident-notices.ts)
  return { outcome, incident, before: existing ? { resolvedAt: existing.resolvedAt } : null }
}

async function toPatch(tx: Tx, serviceId: number, body: IncidentBody, existing: IncidentFields | null): Promise<IncidentPatch> {
  const patch: IncidentPatch = {
    title: body.title,
    severity: body.severity,
    openedAt: body.openedAt,
    resolvedAt: body.resolvedAt,
    isOutage: body.outage,
    url: body.url,
    notCausedByChange: body.notCausedByChange,
  }
  if (body.environment) {
    patch.environmentId = (await findOrCreateEnvironment(tx, { name: body.environment, tier: body.environmentTier, path: 'environment' })).id
  }
  if (body.causeDeploymentId) {
    patch.causeDeploymentId = await requireDeployment(tx, serviceId, body.causeDeploymentId, 'causeDeploymentId')
    patch.causeLinkMethod = 'explicit_deployment'
  }
  if (body.causeSha) {
    const openedAt = body.openedAt ?? existing?.openedAt ?? new Date()
    const id = await findDeploymentCarryingSha(tx, serviceId, body.causeSha, openedAt)
    if (!id) throw validationError([{ path: 'causeSha', message: `no successful deployment of ${body.service} carried ${body.causeSha} before the incident opened` }])
    patch.causeDeploymentId = id
    patch.causeLinkMethod = 'explicit_sha'
  }
  if (body.fixDeploymentId) patch.fixDeploymentId = await requireDeployment(tx, serviceId, body.fixDeploymentId, 'fixDeploymentId')
  return patch
}

async function requireDeployment(tx: Tx, serviceId: number, externalId: string, path: string): Promise<number> {
  const id = await findDeploymentByExternalId(tx, serviceId, externalId)
  if (!id) throw validationError([{ path, message: `no deployment "${externalId}" is recorded for this service` }])
  return id
}
