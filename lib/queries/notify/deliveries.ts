import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { ChannelWithSecret } from '@/lib/queries/notify/channels'
import type { Notice } from '@/lib/validation/notifications'

// Deliveries with no job yet -> 'queued' (the pump inserts their jobs). A delivery queued long ago whose job
// was lost (its queue row deleted) is picked again; claimDeliveryForSending makes a second job harmless.
export async function claimPendingDeliveries(limit: number, client: Queryable = pool()): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(client, sql`
    WITH picked AS (
      SELECT id FROM notification_delivery
      WHERE state = 'pending' OR (state = 'queued' AND updated_at < now() - interval '30 minutes')
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE notification_delivery d SET state = 'queued', updated_at = now() FROM picked WHERE d.id = picked.id
    RETURNING d.id::text AS id`)
  return rows.map((r) => r.id)
}

export async function unclaimDeliveries(ids: string[], client: Queryable = pool()): Promise<void> {
  await client.query(sql`UPDATE notification_delivery SET state = 'pending' WHERE id = ANY(${ids}::bigint[]) AND state = 'queued'`)
}

// The delivery's turn to be sent, or null: sent already (a retry after a success sends nothing), failed for
// good, or being sent by another worker right now (one stuck 'sending' for 2 minutes, its worker died, is taken).
export async function claimDeliveryForSending(id: string, client: Queryable = pool()): Promise<{ attempt: number } | null> {
  const [row] = await queryRows<{ attempt: number }>(client, sql`
    UPDATE notification_delivery SET state = 'sending', attempts = attempts + 1, updated_at = now()
    WHERE id = ${id}::bigint AND (state IN ('pending', 'queued') OR (state = 'sending' AND updated_at < now() - interval '2 minutes'))
    RETURNING attempts AS attempt`)
  return row ?? null
}

export type DeliveryToSend = {
  id: string; alertKey: string; notificationId: string; notice: Notice; createdAt: Date; channel: ChannelWithSecret
}

export async function getDeliveryToSend(id: string, client: Queryable = pool()): Promise<DeliveryToSend | null> {
  const [row] = await queryRows<DeliveryToSend>(client, sql`
    SELECT d.id::text AS id, d.alert_key AS "alertKey", n.id::text AS "notificationId", n.payload AS notice, n.created_at AS "createdAt",
      json_build_object('id', c.id, 'teamId', c.team_id, 'team', t.slug, 'kind', c.kind, 'name', c.name, 'events', c.events,
        'target', c.target, 'config', c.config, 'enabled', c.enabled, 'createdAt', c.created_at, 'secretEnc', c.secret_enc) AS channel
    FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
    JOIN notification_channel c ON c.id = d.channel_id JOIN team t ON t.id = c.team_id
    WHERE d.id = ${id}::bigint`)
  return row ?? null
}

export type AttemptOutcome = { outcome: 'sent' | 'failed' | 'refused'; responseCode: number | null; detail: string | null }

// The attempt's line in the delivery log, and the delivery's state after it: sent, failed for good, or
// back to 'queued' for the job's next retry.
export async function recordAttempt(id: string, attempt: number, o: AttemptOutcome, final: boolean, client: Queryable = pool()): Promise<void> {
  const state = o.outcome === 'sent' ? 'sent' : final ? 'failed' : 'queued'
  await client.query(sql`
    WITH logged AS (
      INSERT INTO notification_attempt (delivery_id, attempt, outcome, response_code, detail)
      VALUES (${id}::bigint, ${attempt}, ${o.outcome}, ${o.responseCode}, ${o.detail?.slice(0, 500) ?? null}))
    UPDATE notification_delivery SET state = ${state}, updated_at = now(),
      sent_at = CASE WHEN ${state} = 'sent' THEN now() ELSE sent_at END
    WHERE id = ${id}::bigint`)
}

// The job's retries are spent: a delivery not sent by now is failed.
export async function failDelivery(id: string, client: Queryable = pool()): Promise<void> {
  await client.query(sql`UPDATE notification_delivery SET state = 'failed', updated_at = now() WHERE id = ${id}::bigint AND state <> 'sent'`)
}

export type DeliveryLogRow = {
  at: Date; kind: string; title: string; state: string; attempt: number; outcome: string; responseCode: number | null; detail: string | null
}

// A channel's delivery log, newest first: one line per attempt.
export async function listDeliveryLog(channelId: number, limit: number, client: Queryable = pool()): Promise<DeliveryLogRow[]> {
  return queryRows<DeliveryLogRow>(client, sql`
    SELECT a.at, n.kind, n.payload->>'title' AS title, d.state, a.attempt, a.outcome, a.response_code AS "responseCode", a.detail
    FROM notification_delivery d JOIN notification_attempt a ON a.delivery_id = d.id JOIN notification n ON n.id = d.notification_id
    WHERE d.channel_id = ${channelId}
    ORDER BY a.at DESC, a.id DESC LIMIT ${limit}`)
}
