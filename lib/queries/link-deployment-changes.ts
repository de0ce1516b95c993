import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'
import type { CommitInput } from '@/lib/validation/deployments'

// Upserts the commits a deployment carried and links them to it. Sent values win over stored ones,
// absent values keep what is stored. Returns how many rows actually changed (0 for a replay).
export async function linkDeploymentChanges(tx: Tx, serviceId: number, deploymentId: number, commits: CommitInput[]): Promise<number> {
  if (commits.length === 0) return 0
  const changed = await upsertChanges(tx, serviceId, commits)
  const linked = await tx.query(sql`
    INSERT INTO deployment_change (deployment_id, change_id)
    SELECT ${deploymentId}, id FROM change WHERE service_id = ${serviceId} AND sha = ANY(${commits.map((c) => c.sha)}::text[])
    ORDER BY id
    ON CONFLICT DO NOTHING`).then((r) => r.rowCount ?? 0)
  return changed + linked
}

// Upserts commits of a service (one row per sha, in sha order, so concurrent writers lock change rows in
// the same order); sent values win, absent ones keep what is stored. Returns how many rows changed.
export async function upsertChanges(tx: Tx, serviceId: number, commits: CommitInput[]): Promise<number> {
  if (commits.length === 0) return 0
  const bySha = new Map(commits.map((c) => [c.sha, c]))
  const sorted = [...bySha.values()].sort((a, b) => (a.sha < b.sha ? -1 : 1))
  const col = <T>(pick: (c: CommitInput) => T | undefined) => sorted.map((c) => pick(c) ?? null)
  const changed = await queryRows<{ id: number }>(tx, sql`
    INSERT INTO change AS c (service_id, sha, authored_at, committed_at, message, pr_number, pr_opened_at, pr_merged_at)
    SELECT ${serviceId}, * FROM unnest(${col((c) => c.sha)}::text[], ${col((c) => c.authoredAt)}::timestamptz[],
      ${col((c) => c.committedAt)}::timestamptz[], ${col((c) => c.message)}::text[], ${col((c) => c.prNumber)}::int[],
      ${col((c) => c.prOpenedAt)}::timestamptz[], ${col((c) => c.prMergedAt)}::timestamptz[])
    ON CONFLICT (service_id, sha) DO UPDATE SET
      authored_at = COALESCE(EXCLUDED.authored_at, c.authored_at),
      committed_at = COALESCE(EXCLUDED.committed_at, c.committed_at),
      message = COALESCE(EXCLUDED.message, c.message),
      pr_number = COALESCE(EXCLUDED.pr_number, c.pr_number),
      pr_opened_at = COALESCE(EXCLUDED.pr_opened_at, c.pr_opened_at),
      pr_merged_at = COALESCE(EXCLUDED.pr_merged_at, c.pr_merged_at)
    WHERE (c.authored_at, c.committed_at, c.message, c.pr_number, c.pr_opened_at, c.pr_merged_at) IS DISTINCT FROM
      (COALESCE(EXCLUDED.authored_at, c.authored_at), COALESCE(EXCLUDED.committed_at, c.committed_at),
       COALESCE(EXCLUDED.message, c.message), COALESCE(EXCLUDED.pr_number, c.pr_number),
       COALESCE(EXCLUDED.pr_opened_at, c.pr_opened_at), COALESCE(EXCLUDED.pr_merged_at, c.pr_merged_at))
    RETURNING id`)
  // lead time reads the change's time and pull request from its first-deployment copies. Whoever
  // writes change_first_deployment holds its service and environment's sequence lock (lockSequence),
  // so its triggers (pull_request_deployment) never recompute a pull request from two snapshots at once.
  if (changed.length > 0) {
    const ids = changed.map((r) => r.id)
    await tx.query(sql`
      SELECT pg_advisory_xact_lock(service_id, environment_id)
      FROM (SELECT DISTINCT service_id, environment_id FROM change_first_deployment WHERE change_id = ANY(${ids}::int[]) ORDER BY 1, 2) k`)
    await tx.query(sql`
      UPDATE change_first_deployment f SET committed_at = coalesce(c.committed_at, c.authored_at), pr_number = c.pr_number, pr_merged_at = c.pr_merged_at
      FROM change c WHERE c.id = f.change_id AND c.id = ANY(${ids}::int[])
        AND (f.committed_at, f.pr_number, f.pr_merged_at) IS DISTINCT FROM (coalesce(c.committed_at, c.authored_at), c.pr_number, c.pr_merged_at)`)
  }
  return changed.length
}
