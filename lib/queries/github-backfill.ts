import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export async function getBackfillCursor(connectionId: number, fullName: string, client: Queryable = pool()): Promise<Date | null> {
  const [row] = await queryRows<{ doneThrough: Date | null }>(client, sql`
    SELECT done_through AS "doneThrough" FROM github_backfill WHERE connection_id = ${connectionId} AND full_name = ${fullName.toLowerCase()}`)
  return row?.doneThrough ?? null
}

// After each imported deployment (oldest first): the next run starts after it.
export async function advanceBackfillCursor(connectionId: number, fullName: string, doneThrough: Date, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    INSERT INTO github_backfill (connection_id, full_name, done_through, imported, updated_at)
    VALUES (${connectionId}, ${fullName.toLowerCase()}, ${doneThrough}, 1, now())
    ON CONFLICT (connection_id, full_name) DO UPDATE
      SET done_through = greatest(github_backfill.done_through, EXCLUDED.done_through),
        imported = github_backfill.imported + 1, updated_at = now()`)
}

export async function recordReconciliation(connectionId: number, fullName: string, gaps: number, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    INSERT INTO github_backfill (connection_id, full_name, last_synced_at, gaps_found, imported)
    VALUES (${connectionId}, ${fullName.toLowerCase()}, now(), ${gaps}, 0)
    ON CONFLICT (connection_id, full_name) DO UPDATE
      SET last_synced_at = now(), gaps_found = github_backfill.gaps_found + ${gaps}, updated_at = now()`)
}

export type ReconcilableRepository = { connectionId: number; fullName: string; baseUrl: string; apiTokenEnc: string }

// Mapped repositories of connections that have an API token.
export async function listReconcilableRepositories(client: Queryable = pool()): Promise<ReconcilableRepository[]> {
  return queryRows<ReconcilableRepository>(client, sql`
    SELECT c.id AS "connectionId", r.full_name AS "fullName", c.base_url AS "baseUrl", c.api_token_enc AS "apiTokenEnc"
    FROM github_repository r JOIN github_connection c ON c.id = r.connection_id
    WHERE c.api_token_enc IS NOT NULL ORDER BY c.id, r.full_name`)
}
