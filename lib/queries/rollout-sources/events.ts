import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable, type Tx } from '@/lib/db'

export type RolloutEventState = 'applied' | 'ignored'
export type RolloutEventRow = {
  id: string; sourceId: number; target: string; eventType: string; occurredAt: Date; rolloutKey: string | null; state: RolloutEventState
  note: string | null; deploymentId: number | null; receivedAt: Date
}

type NewRolloutEvent = { sourceId: number; eventKey: string; target: string; eventType: string; occurredAt: Date; rawBody: string }

// Records an event once per (source, key): null when it was recorded before (a replay). Ignored until applied.
export async function insertRolloutEvent(tx: Tx, e: NewRolloutEvent): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO rollout_source_event (source_id, event_key, target, event_type, occurred_at, state, raw_body)
    VALUES (${e.sourceId}, ${e.eventKey}, ${e.target}, ${e.eventType}, ${e.occurredAt}, 'ignored', ${e.rawBody})
    ON CONFLICT (source_id, event_key) DO NOTHING RETURNING id::text`)
  return row?.id ?? null
}

type Outcome = { state: RolloutEventState; note?: string | null; rolloutKey?: string | null; deploymentId?: number | null }

export async function finishRolloutEvent(tx: Queryable, id: string, o: Outcome): Promise<void> {
  await tx.query(sql`
    UPDATE rollout_source_event SET state = ${o.state}, note = ${o.note ?? null}, rollout_key = ${o.rolloutKey ?? null},
      deployment_id = ${o.deploymentId ?? null}
    WHERE id = ${id}::bigint`)
}

// The rollout a target is in at a time: the one its latest applied event before it belonged to (a tool
// without rollout ids, Flagger, starts each rollout with an event that names the rollout from then on).
export async function currentRolloutKey(tx: Tx, sourceId: number, target: string, at: Date): Promise<string | null> {
  const [row] = await queryRows<{ key: string }>(tx, sql`
    SELECT rollout_key AS key FROM rollout_source_event
    WHERE source_id = ${sourceId} AND target = ${target} AND rollout_key IS NOT NULL AND occurred_at <= ${at}
    ORDER BY occurred_at DESC, id DESC LIMIT 1`)
  return row?.key ?? null
}

export async function listRolloutEvents(sourceIds: number[], limit: number, client: Queryable = pool()): Promise<RolloutEventRow[]> {
  if (sourceIds.length === 0) return []
  return queryRows<RolloutEventRow>(client, sql`
    SELECT id::text, source_id AS "sourceId", target, event_type AS "eventType", occurred_at AS "occurredAt", rollout_key AS "rolloutKey",
      state, note, deployment_id AS "deploymentId", received_at AS "receivedAt"
    FROM rollout_source_event WHERE source_id = ANY(${sourceIds}::int[])
    ORDER BY received_at DESC, id DESC LIMIT ${limit}`)
}
