import sql, { join, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// connectionId: a GitHub connection's (null on GitLab deliveries, which have gitlabConnectionId)
export type StoredDelivery = { id: string; deliveryId: string; provider: 'github' | 'gitlab'; connectionId: number; gitlabConnectionId: number | null; event: string; action: string | null; rawBody: string; state: string; attempts: number }

// A redelivery is filtered out before the insert: ON CONFLICT alone takes a sequence value per attempt.
const notStored = (deliveryId: Sql) => sql`NOT EXISTS (SELECT 1 FROM webhook_delivery w WHERE w.delivery_id = ${deliveryId})`

// Stores a verified delivery once: a redelivery of the same id changes nothing (null).
export async function insertDelivery(d: { deliveryId: string; connectionId?: number; gitlabConnectionId?: number; event: string; action: string | null; rawBody: string }, client: Queryable = pool()): Promise<string | null> {
  const provider = d.gitlabConnectionId === undefined ? 'github' : 'gitlab'
  const [row] = await queryRows<{ id: string }>(client, sql`
    INSERT INTO webhook_delivery (delivery_id, provider, connection_id, gitlab_connection_id, event, action, raw_body)
    SELECT ${d.deliveryId}, ${provider}, ${d.connectionId ?? null}::int, ${d.gitlabConnectionId ?? null}::int, ${d.event}, ${d.action}, ${d.rawBody}
    WHERE ${notStored(sql`${d.deliveryId}::text`)}
    ON CONFLICT (delivery_id) DO NOTHING RETURNING id::text`)
  return row?.id ?? null
}

export type NewDelivery = Parameters<typeof insertDelivery>[0]

// Stores several verified deliveries in one statement (concurrent webhook requests, lib/ingest/store-delivery.ts):
// the delivery ids that were new. The caller sends each delivery id once per call.
export async function insertDeliveries(ds: NewDelivery[], client: Queryable = pool()): Promise<Set<string>> {
  // one VALUES row of plain parameters per delivery: pg passes strings as they are, while array
  // parameters would be escaped character by character (measured: docs/performance.md)
  const rows = await queryRows<{ deliveryId: string }>(client, sql`
    INSERT INTO webhook_delivery (delivery_id, provider, connection_id, gitlab_connection_id, event, action, raw_body)
    SELECT * FROM (VALUES ${join(ds.map((d) => sql`(${d.deliveryId}, ${d.gitlabConnectionId === undefined ? 'github' : 'gitlab'}, ${d.connectionId ?? null}::int,
      ${d.gitlabConnectionId ?? null}::int, ${d.event}, ${d.action}, ${d.rawBody})`))}) AS v(delivery_id, provider, connection_id, gitlab_connection_id, event, action, raw_body)
    WHERE ${notStored(sql`v.delivery_id`)}
    ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id AS "deliveryId"`)
  return new Set(rows.map((r) => r.deliveryId))
}

export async function getDelivery(deliveryId: string, client: Queryable = pool()): Promise<StoredDelivery | null> {
  const [row] = await queryRows<StoredDelivery>(client, sql`
    SELECT id::text, delivery_id AS "deliveryId", provider, connection_id AS "connectionId", gitlab_connection_id AS "gitlabConnectionId",
      event, action, raw_body AS "rawBody", state, attempts
    FROM webhook_delivery WHERE delivery_id = ${deliveryId}`)
  return row ?? null
}

export async function finishDelivery(deliveryId: string, state: 'processed' | 'ignored' | 'failed', note: string | null, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    UPDATE webhook_delivery SET state = ${state}, note = ${note}, attempts = attempts + 1, processed_at = now()
    WHERE delivery_id = ${deliveryId}`)
}

// Deliveries in one state, oldest first (the command lists failed ones to replay).
export async function listDeliveries(f: { state: string; limit: number }, client: Queryable = pool()) {
  return queryRows<{ deliveryId: string; event: string; action: string | null; state: string; note: string | null; attempts: number; receivedAt: Date }>(client, sql`
    SELECT delivery_id AS "deliveryId", event, action, state, note, attempts, received_at AS "receivedAt"
    FROM webhook_delivery
    WHERE state = ${f.state}
    ORDER BY received_at LIMIT ${f.limit}`)
}

export async function resetDelivery(deliveryId: string, client: Queryable = pool()): Promise<boolean> {
  const r = await client.query(sql`UPDATE webhook_delivery SET state = 'pending', note = NULL, enqueued_at = NULL WHERE delivery_id = ${deliveryId}`)
  return (r.rowCount ?? 0) > 0
}

// The outbox: claims pending deliveries no job was made for yet (SKIP LOCKED: several workers never
// claim the same one), and gives back claims whose job was lost (still pending long after).
export async function claimDeliveriesToEnqueue(limit: number, client: Queryable = pool()): Promise<{ deliveryId: string; provider: 'github' | 'gitlab' }[]> {
  await client.query(sql`
    UPDATE webhook_delivery SET enqueued_at = NULL
    WHERE state = 'pending' AND enqueued_at < now() - interval '30 minutes'`)
  return queryRows<{ deliveryId: string; provider: 'github' | 'gitlab' }>(client, sql`
    WITH picked AS (
      SELECT id FROM webhook_delivery WHERE state = 'pending' AND enqueued_at IS NULL
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE webhook_delivery w SET enqueued_at = now() FROM picked WHERE w.id = picked.id
    RETURNING w.delivery_id AS "deliveryId", w.provider`)
}

export async function unclaimDeliveries(deliveryIds: string[], client: Queryable = pool()): Promise<void> {
  await client.query(sql`UPDATE webhook_delivery SET enqueued_at = NULL WHERE delivery_id = ANY(${deliveryIds}::text[])`)
}

// Which of these GitHub delivery ids are stored (the reconciliation imports the others).
export async function listStoredDeliveryIds(deliveryIds: string[], client: Queryable = pool()): Promise<Set<string>> {
  if (deliveryIds.length === 0) return new Set()
  const rows = await queryRows<{ deliveryId: string }>(client, sql`
    SELECT delivery_id AS "deliveryId" FROM webhook_delivery WHERE delivery_id = ANY(${deliveryIds}::text[])`)
  return new Set(rows.map((r) => r.deliveryId))
}
