import { z } from 'zod'
import { strategyName } from '@/lib/ingest/strategy-hints'
import type { RolloutChange, RolloutEvent } from '@/lib/rollout-sources/rollout-event'

// Flagger's webhook payload (fluxcd/flagger pkg/apis/flagger/v1beta1 CanaryWebhookPayload, sent by
// pkg/controller/webhook.go): the Canary's name, namespace and phase, a checksum of its applied spec, and
// metadata. Its `event` webhook (CallEventWebhook) puts the event's message, type and time (Unix ms) in the
// metadata, next to the webhook's own metadata (where a Canary may name `service`, `environment`, `strategy`).
const name = z.string().trim().min(1).max(253)
export const flaggerPayloadSchema = z.object({
  name,
  namespace: name,
  phase: z.string().max(50).optional(),
  checksum: z.string().max(200).optional(),
  metadata: z.record(z.string().max(100), z.string().max(2000)).optional(),
})

const target = '\\S+'
// The messages of Flagger's scheduler (pkg/controller/scheduler.go) that move a rollout, newest wording first.
const rules: { re: RegExp; change: (m: RegExpExecArray) => RolloutChange; strategy?: RolloutEvent['strategy'] }[] = [
  { re: new RegExp(`^New revision detected! Restarting analysis for ${target}$`), change: () => ({ kind: 'restarted' }) },
  { re: new RegExp(`^(New revision detected!? (Scaling up |progressing canary analysis for )?|Starting canary deployment for )${target}$`),
    change: () => ({ kind: 'started' }) },
  { re: new RegExp(`^Starting canary analysis for ${target}$`), change: () => ({ kind: 'ready' }) },
  { re: new RegExp(`^Advance ${target} canary weight (\\d{1,3})$`), change: (m) => ({ kind: 'step', weight: Number(m[1]) }), strategy: 'canary' },
  // blue/green (and A/B) run iterations: the new version takes no share until all traffic is switched to it
  { re: new RegExp(`^Advance ${target} canary iteration 1/\\d+$`), change: () => ({ kind: 'step', weight: 0 }), strategy: 'blue_green' },
  { re: /^(Routing all traffic to canary|Stop traffic mirroring and route all traffic to canary)$/, change: () => ({ kind: 'step', weight: 100 }),
    strategy: 'blue_green' },
  { re: /^Promotion completed! /, change: () => ({ kind: 'promoted' }) },
  { re: new RegExp(`^Rolling back ${target} `), change: () => ({ kind: 'aborted' }) },
  { re: new RegExp(`^Canary failed! Scaling down ${target}$`), change: () => ({ kind: 'failed' }) },
]

export function mapFlagger(value: unknown, receivedAt: Date): RolloutEvent {
  const p = flaggerPayloadSchema.parse(value)
  const meta = p.metadata ?? {}
  const message = meta.eventMessage?.trim()
  const ms = Number(meta.timestamp)
  const occurredAt = meta.timestamp && Number.isSafeInteger(ms) && ms > 0 ? new Date(ms) : receivedAt
  const base = { target: `${p.namespace}/${p.name}`, service: meta.service ?? p.name, environment: meta.environment ?? 'production', occurredAt }
  const named = strategyName(meta.strategy)
  if (!message) {
    const note = 'not an event webhook: only Flagger\'s `event` webhook (its eventMessage) is read'
    return { ...base, eventType: `hook:${p.phase ?? 'unknown'}`, change: { kind: 'ignored', note } }
  }
  for (const rule of rules) {
    const m = rule.re.exec(message)
    if (!m) continue
    // a Canary that names its strategy in the webhook's metadata (A/B testing runs iterations too) wins
    const strategy = named ?? rule.strategy
    const change = rule.change(m)
    // an A/B test's iterations route the matching requests, a share Flagger's events do not tell
    const unknownShare = strategy === 'ab_test' && change.kind === 'step' && rule.strategy === 'blue_green'
    return { ...base, eventType: message.slice(0, 200), ...(strategy ? { strategy } : {}),
      change: unknownShare ? { kind: 'ignored', note: 'an A/B test\'s traffic share is not in Flagger\'s events' } : change }
  }
  return { ...base, eventType: message.slice(0, 200), change: { kind: 'ignored', note: 'this event does not move the rollout' } }
}
