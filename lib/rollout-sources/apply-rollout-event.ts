import { withTransaction, type Tx } from '@/lib/db'
import { parseBody } from '@/lib/http/route'
import { fromNativeBody, type DeploymentInput } from '@/lib/ingest/deployment-input'
import { ingestDeploymentsIn } from '@/lib/ingest/ingest-deployments'
import { deploymentBodySchema } from '@/lib/validation/deployments'
import { currentRolloutKey, finishRolloutEvent, insertRolloutEvent } from '@/lib/queries/rollout-sources/events'
import type { RolloutEvent, RolloutSourceKind } from '@/lib/rollout-sources/rollout-event'

export type RolloutSourceRef = { id: number; kind: RolloutSourceKind; teamId: number; team: string }
export type RolloutEventResult = { target: string; state: 'applied' | 'ignored' | 'duplicate'; deployment: string | null; note: string | null }

// The deployment source of each tool's rollouts (deployment rows are unique per service, source and id).
const deploymentSource: Record<RolloutSourceKind, string> = { flagger: 'flagger', argo_rollouts: 'argo-rollouts' }

// Records the event once (a replay is a duplicate and changes nothing) and applies it to its rollout's
// deployment, in one transaction: an event is stored with its effect or not at all (and retried).
export async function applyRolloutEvent(
  source: RolloutSourceRef, eventKey: string, e: RolloutEvent, rawBody: string, receivedAt: Date,
): Promise<RolloutEventResult> {
  return withTransaction(async (tx) => {
    const eventId = await insertRolloutEvent(tx, { sourceId: source.id, eventKey, target: e.target, eventType: e.eventType, occurredAt: e.occurredAt, rawBody })
    if (eventId === null) return { target: e.target, state: 'duplicate', deployment: null, note: 'received before' }
    const ignore = async (note: string) => {
      await finishRolloutEvent(tx, eventId, { state: 'ignored', note })
      return { target: e.target, state: 'ignored' as const, deployment: null, note }
    }
    if (e.change.kind === 'ignored') return ignore(e.change.note)
    const keys = await rolloutKeys(tx, source.id, e)
    if (!keys.current) return ignore('no start of a rollout of this target was received before it')
    const inputs = [...(keys.cancelled ? [cancelInput(e, keys.cancelled)] : []), eventInput(e, keys.current)]
      .map((body): DeploymentInput => ({ ...fromNativeBody(parseBody(deploymentBodySchema, body), receivedAt), source: deploymentSource[source.kind] }))
    const caller = { tokenId: null, teamId: source.teamId, teamSlug: source.team }
    const written = await ingestDeploymentsIn(tx, caller, inputs, { raw: rawBody, receivedAt, kind: `${source.kind}:${e.eventType}`.slice(0, 200) })
    const deployment = written.deployments.at(-1)!
    const note = `${written.outcome}${keys.cancelled ? `; ${keys.cancelled} cancelled` : ''}`
    await finishRolloutEvent(tx, eventId, { state: 'applied', note, rolloutKey: keys.current, deploymentId: deployment.id })
    return { target: e.target, state: 'applied', deployment: keys.current, note }
  })
}

// Argo Rollouts names the rollout (its revision); a Flagger rollout is the one its target's latest start
// began, and a start names a new one (a restart also cancels the one it replaces).
async function rolloutKeys(tx: Tx, sourceId: number, e: RolloutEvent): Promise<{ current: string | null; cancelled?: string }> {
  if (e.revision) return { current: `${e.target}#${e.revision}` }
  const fresh = `${e.target}@${e.occurredAt.toISOString()}`
  if (e.change.kind === 'started') return { current: fresh }
  const current = await currentRolloutKey(tx, sourceId, e.target, e.occurredAt)
  if (e.change.kind === 'restarted') return { current: fresh, ...(current ? { cancelled: current } : {}) }
  return { current }
}

const at = (d: Date) => d.toISOString()

// The body POST /api/v1/deployments would take for this event, so it is validated exactly as that is.
function eventInput(e: RolloutEvent, id: string): Record<string, unknown> {
  const t = at(e.occurredAt)
  const common = {
    id, service: e.service, environment: e.environment, ...(e.strategy ? { strategy: e.strategy } : {}), ...(e.version ? { version: e.version } : {}),
  }
  switch (e.change.kind) {
    case 'started': case 'restarted': {
      const weight = e.change.kind === 'started' ? e.change.weight : undefined
      return { ...common, status: 'in_progress', startedAt: t, ...(weight !== undefined ? { rollout: { steps: [{ weight, startedAt: t }] } } : {}) }
    }
    case 'ready': return { ...common, status: 'in_progress', rollout: { readyAt: t } }
    case 'step': return { ...common, status: 'in_progress', rollout: { steps: [{ weight: e.change.weight, startedAt: t }] } }
    case 'promoted': return { ...common, status: 'success', finishedAt: t, rollout: { promotedAt: t } }
    case 'aborted': return { ...common, status: 'failure', finishedAt: t, rollout: { abortedAt: t } }
    case 'failed': return { ...common, status: 'failure', finishedAt: t }
    case 'ignored': throw new Error('an ignored event has no deployment')
  }
}

// A rollout replaced by a newer revision before it finished: neither promoted nor failed.
const cancelInput = (e: RolloutEvent, id: string) => ({ id, service: e.service, environment: e.environment, status: 'cancelled', finishedAt: at(e.occurredAt) })
