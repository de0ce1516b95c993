import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type IdempotencyRecord = { method: string; path: string; fingerprint: string | null; status: number | null; responseBody: string | null; running: boolean; stale: boolean }
type Key = { teamId: number; key: string }

// A running claim older than this is taken over: its request died before it could answer (the ingest
// paths are idempotent by id or content on their own, so running it again is safe). A live request
// rarely runs this long (statements time out at DB_STATEMENT_TIMEOUT_MS); after an app crash the clients
// whose requests were in flight wait this long on 409s (2 minutes made the crash test wait 2 minutes).
const STALE_CLAIM = '30 seconds'

// Claims a key for a first request; false when the key is already known (running or answered).
export async function claimIdempotencyKey(k: Key & { method: string; path: string }, client: Queryable = pool()): Promise<boolean> {
  const r = await client.query(sql`
    INSERT INTO idempotency_key (team_id, key, method, path) VALUES (${k.teamId}, ${k.key}, ${k.method}, ${k.path})
    ON CONFLICT (team_id, key) DO NOTHING`)
  return (r.rowCount ?? 0) > 0
}

export async function getIdempotencyKey(k: Key, client: Queryable = pool()): Promise<IdempotencyRecord | null> {
  const [row] = await queryRows<IdempotencyRecord>(client, sql`
    SELECT method, path, fingerprint, status, response_body AS "responseBody", status IS NULL AS running,
      (status IS NULL AND created_at < now() - ${STALE_CLAIM}::interval) AS stale
    FROM idempotency_key WHERE team_id = ${k.teamId} AND key = ${k.key}`)
  return row ?? null
}

// Takes over a claim whose request never answered; false when another retry took it first.
export async function retakeStaleIdempotencyKey(k: Key, client: Queryable = pool()): Promise<boolean> {
  const r = await client.query(sql`
    UPDATE idempotency_key SET created_at = now()
    WHERE team_id = ${k.teamId} AND key = ${k.key} AND status IS NULL AND created_at < now() - ${STALE_CLAIM}::interval`)
  return (r.rowCount ?? 0) > 0
}

export async function completeIdempotencyKey(k: Key & { fingerprint: string; status: number; responseBody: string }, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    UPDATE idempotency_key SET fingerprint = ${k.fingerprint}, status = ${k.status}, response_body = ${k.responseBody}, completed_at = now()
    WHERE team_id = ${k.teamId} AND key = ${k.key}`)
}

// Gives a key back when its request failed (an error answer is not replayed: the retry runs again).
export async function releaseIdempotencyKey(k: Key, client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM idempotency_key WHERE team_id = ${k.teamId} AND key = ${k.key} AND status IS NULL`)
}

export async function deleteExpiredIdempotencyKeys(client: Queryable = pool()): Promise<number> {
  const r = await client.query(sql`DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'`)
  return r.rowCount ?? 0
}
