import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type PendingReport = { team: string | null; asOf: Date }

/** Queues quarter-end reports for the worker (in the caller's transaction when `client` is in one). */
export async function insertPendingReports(client: Queryable, reports: PendingReport[]): Promise<void> {
  if (reports.length === 0) return
  await client.query(sql`
    INSERT INTO pending_report (team, as_of)
    SELECT * FROM unnest(${reports.map((r) => r.team)}::text[], ${reports.map((r) => r.asOf.toISOString())}::timestamptz[])`)
}

// Takes up to `limit` rows off the queue (oldest first); a caller that cannot hand them on puts them back.
export async function claimPendingReports(limit: number, client: Queryable = pool()): Promise<PendingReport[]> {
  return queryRows<PendingReport>(client, sql`
    WITH picked AS (SELECT id FROM pending_report ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    DELETE FROM pending_report p USING picked WHERE p.id = picked.id
    RETURNING p.team, p.as_of AS "asOf"`)
}
