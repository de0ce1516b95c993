import type { Queryable } from '@/lib/db'
import { listReceivingChannelIds } from '@/lib/queries/notify/channels'
import { insertAttachments, insertDeliveries, insertNotification } from '@/lib/queries/notify/notifications'
import { notificationInputSchema, type NotificationInput } from '@/lib/validation/notifications'
import { zodValidationError } from '@/lib/validation/zod-fields'

export type EnqueueResult = { notificationId: string | null; deliveries: number }

// Sends an alert to a team's channels (docs/notifications.md). Stores the alert and one delivery per enabled channel
// of the team that receives `kind` (each channel's own kind filter), in `db`: pass a transaction to send only if it
// commits. The worker sends them (lib/jobs/registry.ts: notify.deliver), with retries and backoff.
// `key` names the alert: the same key enqueued again for a team sends nothing to a channel that had it, so callers
// may enqueue on every evaluation (e.g. `burn-rate:<slo>:page:opened:<window start>`). Returns the deliveries added.
//
//   await enqueueNotification(pool(), { teamId, kind: 'burn_rate', key, title: 'checkout burns its budget 14.4x',
//     summary, severity: 'critical', fields: [{ label: 'SLO', value: '99.9 %' }], links: [{ label: 'Service', url }] })
//
// Input is validated (lib/validation/notifications.ts); a bad one throws a 422 AppError naming the field.
export async function enqueueNotification(db: Queryable, input: NotificationInput): Promise<EnqueueResult> {
  const parsed = notificationInputSchema.safeParse(input)
  if (!parsed.success) throw zodValidationError(parsed.error)
  const { teamId, channelId, attachments, ...notice } = parsed.data
  if (notice.kind === 'test' && channelId === undefined) throw new Error('a test notification names its channel (channelId)')
  const channels = await listReceivingChannelIds(teamId, notice.kind, channelId, db)
  // a team with no channel for this kind: nothing is stored
  if (channels.length === 0) return { notificationId: null, deliveries: 0 }
  const stored = await insertNotification(db, teamId, notice)
  if (stored.created && attachments.length > 0) await insertAttachments(db, stored.id, attachments)
  return { notificationId: stored.id, deliveries: await insertDeliveries(db, stored.id, channels, notice.key) }
}
