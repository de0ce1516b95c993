import { webhookSourceQueries, type WebhookSourceRow, type WebhookSourceWithSecret } from '@/lib/queries/webhook-sources'
import type { RolloutSourceKind } from '@/lib/rollout-sources/rollout-event'

export type RolloutSourceRow = WebhookSourceRow<RolloutSourceKind>
export type RolloutSourceWithSecret = WebhookSourceWithSecret<RolloutSourceKind>

const q = webhookSourceQueries<RolloutSourceKind>('rollout_source', 'a rollout source')
export const insertRolloutSource = q.insert
export const getRolloutSource = q.get
export const listRolloutSources = q.list
export const deleteRolloutSource = q.remove
