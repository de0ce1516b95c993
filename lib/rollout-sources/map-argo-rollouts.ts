import { z } from 'zod'
import { strategyName } from '@/lib/ingest/strategy-hints'
import { isoDateTime } from '@/lib/validation/common'
import type { RolloutChange, RolloutEvent } from '@/lib/rollout-sources/rollout-event'

// The body our Argo Rollouts notification template sends (docs/ci/argo-rollouts-notifications.yaml): the
// notifications engine renders it from the Rollout object, so a field the object lacks arrives as Go's
// "<no value>" (or empty) and is read as absent.
const absent = (v: unknown) => (v === '<no value>' || v === '' || v === null ? undefined : v)
const text = (max: number) => z.preprocess(absent, z.string().trim().min(1).max(max).optional())
const count = z.preprocess(absent, z.coerce.number().int().min(0).max(1000).optional())
const step = z.object({ setWeight: z.preprocess(absent, z.coerce.number().min(0).max(100).optional()) })

export const argoRolloutsPayloadSchema = z.object({
  trigger: z.string().trim().min(1).max(100),
  rollout: z.string().trim().min(1).max(253),
  namespace: z.string().trim().min(1).max(253),
  revision: z.preprocess(absent, z.string().trim().regex(/^\d{1,12}$/, 'must be the rollout.argoproj.io/revision annotation (a number)')),
  strategy: z.enum(['canary', 'blueGreen']),
  stepIndex: count,
  steps: z.preprocess(absent, z.array(step).max(200).optional()),
  weight: z.preprocess(absent, z.coerce.number().min(0).max(100).optional()),
  image: text(500),
  service: text(100),
  environment: text(100),
  sentAt: z.preprocess(absent, isoDateTime.optional()),
})
export type ArgoRolloutsPayload = z.infer<typeof argoRolloutsPayloadSchema>

// The traffic share after a completed canary step: a setWeight step's, or the traffic router's weight when
// the Rollout reports one. The notification carries the Rollout as it was when the step completed, so
// currentStepIndex is that step's; pause and analysis steps move no traffic.
function stepWeight(p: ArgoRolloutsPayload): number | undefined {
  const completed = p.stepIndex === undefined ? undefined : p.steps?.[p.stepIndex]
  if (completed?.setWeight === undefined) return undefined
  return p.weight ?? completed.setWeight
}

function changeOf(p: ArgoRolloutsPayload): RolloutChange {
  switch (p.trigger) {
    // a new revision: a blue/green preview takes no production traffic until it is promoted
    case 'on-rollout-updated': return p.strategy === 'blueGreen' ? { kind: 'started', weight: 0 } : { kind: 'started' }
    case 'on-rollout-step-completed': {
      const weight = stepWeight(p)
      return weight === undefined ? { kind: 'ignored', note: 'the step set no traffic weight' } : { kind: 'step', weight }
    }
    // a paused blue/green rollout waits for promotion with its preview up: the new version is ready
    case 'on-rollout-paused': return p.strategy === 'blueGreen' ? { kind: 'ready' } : { kind: 'ignored', note: 'a canary pause holds its weight' }
    case 'on-rollout-completed': return { kind: 'promoted' }
    case 'on-rollout-aborted': return { kind: 'aborted' }
    // a failed analysis fails the rollout; the abort that follows it says when traffic went back
    case 'on-analysis-run-failed': return { kind: 'failed' }
    default: return { kind: 'ignored', note: `trigger ${p.trigger} does not move the rollout` }
  }
}

export function mapArgoRollouts(value: unknown, receivedAt: Date): RolloutEvent {
  const p = argoRolloutsPayloadSchema.parse(value)
  return {
    target: `${p.namespace}/${p.rollout}`,
    service: p.service ?? p.rollout,
    environment: p.environment ?? 'production',
    occurredAt: p.sentAt ?? receivedAt,
    eventType: p.trigger,
    strategy: strategyName(p.strategy === 'blueGreen' ? 'blue_green' : 'canary'),
    revision: p.revision,
    version: p.image,
    change: changeOf(p),
  }
}
