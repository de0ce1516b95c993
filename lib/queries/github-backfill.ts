import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// The import reads three lists, each resumable from its own cursor: deployments by creation time,
// merged pull requests and incident issues by their last update.
export type BackfillKind = 'deployments' | 'pulls' | 'issues'
export type BackfillCursors = Record<BackfillKind, Date | null>
const cursorColumn: Record<BackfillKind, string> = { deployments: 'done_through', pulls: 'pulls_through', issues: 'issues_through' }

export async function getBackfillCursors(connectionId: number, fullName: string, client: Queryable = pool()): Promise<BackfillCursors> {
  const [row] = await queryRows<BackfillCursors>(client, sql`
    SELECT done_through AS deployments, pulls_through AS pulls, issues_through AS issues
    FROM github_backfill WHERE connection_id = ${connectionId} AND full_name = ${fullName.toLowerCase()}`)
  return row ?? { deployments: null, pulls: null, issues: null }
}

// After each imported item (oldest first): the next run starts after it.
export async function advanceBackfillCursor(connectionId: number, fullName: string, kind: BackfillKind, doneThrough: Date, client: Queryable = pool()): Promise<void> {
  const column = raw(cursorColumn[kind]) // a fixed column name from the table above, never input
  await client.query(sql`
    INSERT INTO github_backfill (connection_id, full_name, ${column}, imported, updated_at)
    VALUES (${connectionId}, ${fullName.toLowerCase()}, ${doneThrough}, 1, now())
    ON CONFLICT (connection_id, full_name) DO UPDATE
      SET ${column} = greatest(github_backfill.${column}, EXCLUDED.${column}),
        imported = github_backfill.imported + 1, updated_at = now()`)
}

export type BackfillProgressRow = { done: number; total: number; rate: number | null; rateRemaining: number | null }

// A running import's progress, for the settings page and the command line: started (finished_at
// cleared), updated after every item, finished.
export async function startBackfillProgress(connectionId: number, fullName: string, total: number, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    INSERT INTO github_backfill (connection_id, full_name, progress_done, progress_total, started_at, finished_at, updated_at)
    VALUES (${connectionId}, ${fullName.toLowerCase()}, 0, ${total}, now(), NULL, now())
    ON CONFLICT (connection_id, full_name) DO UPDATE
      SET progress_done = 0, progress_total = ${total}, progress_rate = NULL, started_at = now(), finished_at = NULL, updated_at = now()`)
}

export async function recordBackfillProgress(connectionId: number, fullName: string, p: BackfillProgressRow, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    UPDATE github_backfill SET progress_done = ${p.done}, progress_total = ${p.total}, progress_rate = ${p.rate},
      rate_remaining = ${p.rateRemaining}, updated_at = now()
    WHERE connection_id = ${connectionId} AND full_name = ${fullName.toLowerCase()}`)
}

export async function finishBackfillProgress(connectionId: number, fullName: string, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    UPDATE github_backfill SET finished_at = now(), updated_at = now() WHERE connection_id = ${connectionId} AND full_name = ${fullName.toLowerCase()}`)
}

// A reconciliation pass: when it ran, the gaps it found (added up), and the repository's webhook once found.
export async function recordReconciliation(connectionId: number, fullName: string, gaps: number, hookId: string | null = null, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    INSERT INTO github_backfill (connection_id, full_name, last_synced_at, gaps_found, imported, hook_id)
    VALUES (${connectionId}, ${fullName.toLowerCase()}, now(), ${gaps}, 0, ${hookId})
    ON CONFLICT (connection_id, full_name) DO UPDATE
      SET last_synced_at = now(), gaps_found = github_backfill.gaps_found + ${gaps},
        hook_id = coalesce(EXCLUDED.hook_id, github_backfill.hook_id), updated_at = now()`)
}

export type ReconcilableRepository = { connectionId: number; fullName: string; hookId: string | null }

// Each mapped repository (once, however many services it maps to) of the connections with API credentials.
export async function listReconcilableRepositories(client: Queryable = pool()): Promise<ReconcilableRepository[]> {
  return queryRows<ReconcilableRepository>(client, sql`
    SELECT DISTINCT c.id AS "connectionId", r.full_name AS "fullName", b.hook_id::text AS "hookId"
    FROM github_repository r JOIN github_connection c ON c.id = r.connection_id
    LEFT JOIN github_backfill b ON b.connection_id = r.connection_id AND b.full_name = r.full_name
    WHERE c.api_token_enc IS NOT NULL OR c.app_private_key_enc IS NOT NULL ORDER BY 1, 2`)
}

export type ReconcilableOrganisation = { connectionId: number; organisation: string }

// Organisation-level connections with API credentials: their organisation's hook is reconciled once.
export async function listReconcilableOrganisations(client: Queryable = pool()): Promise<ReconcilableOrganisation[]> {
  return queryRows<ReconcilableOrganisation>(client, sql`
    SELECT id AS "connectionId", organisation FROM github_connection
    WHERE organisation IS NOT NULL AND (api_token_enc IS NOT NULL OR app_private_key_enc IS NOT NULL) ORDER BY id`)
}

// An organisation hook's reconciliation pass: its time on the connection, and each missed delivery
// counted as a gap of the repository it came from (so gaps stay per repository, as for a
// repository's own hook); a delivery from a repository the connection does not map is no one's gap.
export async function recordOrganisationReconciliation(connectionId: number, missedDeliveryIds: string[], client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    WITH synced AS (UPDATE github_connection SET last_synced_at = now() WHERE id = ${connectionId}),
    missed AS (
      SELECT lower(w.raw_body::jsonb #>> '{repository,full_name}') AS full_name, count(*)::int AS n
      FROM webhook_delivery w WHERE w.connection_id = ${connectionId} AND w.delivery_id = ANY(${missedDeliveryIds}::text[]) GROUP BY 1)
    INSERT INTO github_backfill (connection_id, full_name, gaps_found, imported)
    SELECT ${connectionId}, m.full_name, m.n, 0 FROM missed m
    WHERE EXISTS (SELECT 1 FROM github_repository r WHERE r.connection_id = ${connectionId} AND r.full_name = m.full_name)
    ON CONFLICT (connection_id, full_name) DO UPDATE SET gaps_found = github_backfill.gaps_found + EXCLUDED.gaps_found, updated_at = now()`)
}
