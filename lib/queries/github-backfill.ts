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
