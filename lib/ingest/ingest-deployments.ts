import { withTransaction, type Tx } from '@/lib/db'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import { mergeDeployment, newDeploymentFields } from '@/lib/ingest/deployment-merge'
import { applyEnvironmentStrategyRule } from '@/lib/ingest/environment-strategy-rule'
import { strongestOutcome, type IngestOutcome } from '@/lib/ingest/outcome'
import { findOrCreateService, type ServiceRow } from '@/lib/queries/find-or-create-service'
import { findOrCreateEnvironment, type EnvironmentRow } from '@/lib/queries/find-or-create-environment'
import { insertDeploymentIfNew, lockDeployment, updateDeployment, type DeploymentKey, type StoredDeployment } from '@/lib/queries/upsert-deployment-row'
import { currentSequencesOf, SequenceLocks } from '@/lib/queries/sequence-locks'
import { refreshSequenceAround } from '@/lib/ingest/refresh-sequence'
import { commitsByService, linkDeploymentChanges, sequencesChangedBy, upsertChangesInOrder } from '@/lib/queries/link-deployment-changes'
import { refreshFirstDeployments } from '@/lib/queries/refresh-first-deployments'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'
import { getDeploymentsByIds, type DeploymentDto } from '@/lib/queries/list-deployments'

export type RawRequest = { raw: string; receivedAt: Date; kind: string }

type Target = { index: number; input: DeploymentInput; service: ServiceRow; env: EnvironmentRow; key: DeploymentKey }

// Stores the deployments and the raw request in one transaction: a 2xx means all of it is committed.
// Every lock it needs is taken in SequenceLocks' global order (sequence locks, then change rows, then
// deployments), so concurrent ingests of one service sharing commits cannot deadlock.
export async function ingestDeployments(caller: Caller, inputs: DeploymentInput[], request: RawRequest) {
  return withTransaction((tx) => ingestDeploymentsIn(tx, caller, inputs, request))
}

// The same inside a caller's transaction (a rollout source records its event row with the deployment).
export async function ingestDeploymentsIn(tx: Tx, caller: Caller, inputs: DeploymentInput[], request: RawRequest) {
  const targets = await resolveTargets(tx, caller, inputs)
  const commits = commitsByService(targets.map((t) => ({ serviceId: t.service.id, commits: t.input.commits })))
  const locks = new SequenceLocks(tx)
  await locks.takeInOrder([
    ...targets.map((t) => ({ serviceId: t.service.id, environmentId: t.env.id })),
    ...await currentSequencesOf(tx, targets.map((t) => t.key)),
    ...await sequencesChangedBy(tx, commits),
  ])
  const changed = await upsertChangesInOrder(tx, locks, commits)
  const results: { id: number; outcome: IngestOutcome }[] = []
  for (const t of [...targets].sort(byKey)) results[t.index] = await ingestOne(tx, locks, t, changed)
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
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byKey = (a: Target, b: Target) =>
  a.key.serviceId - b.key.serviceId || compare(a.key.source, b.key.source) || compare(a.key.externalId, b.key.externalId) || a.index - b.index

// Services, then environments, are found or created in name order: a new one's row is held until
// commit, and two requests creating the same two in opposite orders would wait on each other. Between the
// two, each service's environment-name rules give a deployment that named no strategy its strategy.
async function resolveTargets(tx: Tx, caller: Caller, sent: DeploymentInput[]): Promise<Target[]> {
  const inOrder = (list: DeploymentInput[], name: (i: DeploymentInput) => string) =>
    list.map((input, index) => ({ input, index })).sort((a, b) => compare(name(a.input), name(b.input)) || a.index - b.index)
  const services: ServiceRow[] = []
  for (const { input, index } of inOrder(sent, (i) => i.service.slug)) {
    const service = await findOrCreateService(tx, caller.teamId, input.service)
    assertTeam(caller, service.teamId, `service "${service.slug}"`)
    services[index] = service
  }
  const inputs = sent.map((input, index) => applyEnvironmentStrategyRule(input, services[index]!.environmentStrategies))
  const envs: EnvironmentRow[] = []
  for (const { input, index } of inOrder(inputs, (i) => i.environment.name)) envs[index] = await findOrCreateEnvironment(tx, input.environment)
  return inputs.map((input, index) => {
    const service = services[index]!
    return { index, input, service, env: envs[index]!, key: { serviceId: service.id, source: input.source, externalId: input.externalId } }
  })
}

async function ingestOne(tx: Tx, locks: SequenceLocks, t: Target, changed: Set<string>): Promise<{ id: number; outcome: IngestOutcome }> {
  const { input, service, env, key } = t
  const created = await insertDeploymentIfNew(tx, key, newDeploymentFields(input, env.id))
  let outcome: IngestOutcome = 'created'
  let stored: StoredDeployment | null = created
  let before: StoredDeployment | null = null
  const environments = [env.id]
  if (!created) {
    before = await lockDeployment(tx, key)
    if (before.environmentId !== env.id) {
      // taken at the start unless a concurrent commit moved the deployment since
      await locks.ensure([{ serviceId: service.id, environmentId: before.environmentId }])
      environments.push(before.environmentId)
    }
    const merged = mergeDeployment(before, input, env.id)
    stored = merged.kind === 'update' ? await updateDeployment(tx, before.id, merged.next) : null
    outcome = merged.kind === 'update' ? 'updated' : 'unchanged'
  }
  const id = (created ?? before)!.id
  if (stored) await refreshSequenceAround(tx, service.id, before, stored)
  const shas = [...new Set(input.commits.map((c) => c.sha))]
  const changedLinks = (await linkDeploymentChanges(tx, service.id, id, shas)) + shas.filter((sha) => changed.has(`${service.id}:${sha}`)).length
  if (changedLinks > 0 && outcome === 'unchanged') outcome = 'updated'
  if (outcome !== 'unchanged') await refreshFirstDeployments(tx, id, environments)
  return { id, outcome }
}
