import { withTransaction, type Tx } from '@/lib/db'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import { mergeDeployment, newDeploymentFields } from '@/lib/ingest/deployment-merge'
import { strongestOutcome, type IngestOutcome } from '@/lib/ingest/outcome'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { findOrCreateEnvironment } from '@/lib/queries/find-or-create-environment'
import { insertDeploymentIfNew, lockDeployment, updateDeployment, type StoredDeployment } from '@/lib/queries/upsert-deployment-row'
import { lockSequence } from '@/lib/queries/refresh-rollback-flags'
import { refreshSequenceAround } from '@/lib/ingest/refresh-sequence'
import { linkDeploymentChanges } from '@/lib/queries/link-deployment-changes'
import { refreshFirstDeployments } from '@/lib/queries/refresh-first-deployments'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'
import { getDeploymentsByIds, type DeploymentDto } from '@/lib/queries/list-deployments'

export type RawRequest = { raw: string; receivedAt: Date; kind: string }

// Stores the deployments and the raw request in one transaction: a 2xx means all of it is committed.
export async function ingestDeployments(caller: Caller, inputs: DeploymentInput[], request: RawRequest) {
  return withTransaction(async (tx) => {
    const results: { id: number; outcome: IngestOutcome }[] = []
    for (const input of inputs) results.push(await ingestOne(tx, caller, input))
    const outcome = strongestOutcome(results.map((r) => r.outcome))
    await insertIngestLog(tx, {
      source: inputs[0]?.source ?? 'api',
      kind: request.kind,
      tokenId: caller.tokenId,
      rawBody: request.raw,
      outcome,
      receivedAt: request.receivedAt,
    })
    const deployments: DeploymentDto[] = await getDeploymentsByIds(results.map((r) => r.id), tx)
    return { outcome, deployments }
  })
}

async function ingestOne(tx: Tx, caller: Caller, input: DeploymentInput): Promise<{ id: number; outcome: IngestOutcome }> {
  const service = await findOrCreateService(tx, caller.teamId, input.service)
  assertTeam(caller, service.teamId, `service "${service.slug}"`)
  const env = await findOrCreateEnvironment(tx, input.environment)
  const key = { serviceId: service.id, source: input.source, externalId: input.externalId }
  // before the row is written: whoever refreshes this sequence's rollback flags must see it
  await lockSequence(tx, service.id, env.id)
  const created = await insertDeploymentIfNew(tx, key, newDeploymentFields(input, env.id))
  let outcome: IngestOutcome = 'created'
  let stored: StoredDeployment | null = created
  let before: StoredDeployment | null = null
  const environments = [env.id]
  if (!created) {
    before = await lockDeployment(tx, key)
    if (before.environmentId !== env.id) {
      await lockSequence(tx, service.id, before.environmentId)
      environments.push(before.environmentId)
    }
    const merged = mergeDeployment(before, input, env.id)
    stored = merged.kind === 'update' ? await updateDeployment(tx, before.id, merged.next) : null
    outcome = merged.kind === 'update' ? 'updated' : 'unchanged'
  }
  const id = (created ?? before)!.id
  if (stored) await refreshSequenceAround(tx, service.id, before, stored)
  const changedLinks = await linkDeploymentChanges(tx, service.id, id, input.commits)
  if (changedLinks > 0 && outcome === 'unchanged') outcome = 'updated'
  if (outcome !== 'unchanged') await refreshFirstDeployments(tx, id, environments)
  return { id, outcome }
}
