import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'
import type { SequenceKey, SequenceLocks } from '@/lib/queries/sequence-locks'
import type { CommitInput } from '@/lib/validation/deployments'

// Links a deployment to the changes of these shas (upserted before, by upsertChangesInOrder). Returns
// how many links are new (0 for a replay).
export async function linkDeploymentChanges(tx: Tx, serviceId: number, deploymentId: number, shas: string[]): Promise<number> {
  if (shas.length === 0) return 0
  return tx.query(sql`
    INSERT INTO deployment_change (deployment_id, change_id)
    SELECT ${deploymentId}, id FROM change WHERE service_id = ${serviceId} AND sha = ANY(${shas}::text[])
    ORDER BY id
    ON CONFLICT DO NOTHING`).then((r) => r.rowCount ?? 0)
}

// Commits per service, one per sha, merged in the order given: a later value wins and an absent one
// keeps the earlier, as upserting them one at a time would.
export function commitsByService(batches: { serviceId: number; commits: CommitInput[] }[]): Map<number, CommitInput[]> {
  const merged = new Map<number, Map<string, CommitInput>>()
  for (const { serviceId, commits } of batches) {
    const bySha = merged.get(serviceId) ?? new Map<string, CommitInput>()
    merged.set(serviceId, bySha)
    for (const c of commits) {
      const sent = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as CommitInput
      bySha.set(c.sha, { ...bySha.get(c.sha), ...sent })
    }
  }
  return new Map([...merged].map(([serviceId, bySha]) => [serviceId, [...bySha.values()]]))
}

const columns = (commits: CommitInput[]) => {
  const col = <T>(pick: (c: CommitInput) => T | undefined) => commits.map((c) => pick(c) ?? null)
  return {
    sha: col((c) => c.sha), authoredAt: col((c) => c.authoredAt), committedAt: col((c) => c.committedAt), message: col((c) => c.message),
    prNumber: col((c) => c.prNumber), prOpenedAt: col((c) => c.prOpenedAt), prMergedAt: col((c) => c.prMergedAt),
  }
}

// The sequences whose first-deployment copies (commit time, pull request) these commits would change:
// their locks must be taken before the change rows (SequenceLocks), so this reads without locking and
// upsertChanges checks again once it holds the rows.
export async function sequencesChangedBy(tx: Tx, byService: Map<number, CommitInput[]>): Promise<SequenceKey[]> {
  const keys: SequenceKey[] = []
  for (const [serviceId, commits] of byService) {
    if (commits.length === 0) continue
    const c = columns(commits)
    keys.push(...await queryRows<SequenceKey>(tx, sql`
      SELECT DISTINCT f.service_id AS "serviceId", f.environment_id AS "environmentId"
      FROM unnest(${c.sha}::text[], ${c.authoredAt}::timestamptz[], ${c.committedAt}::timestamptz[], ${c.prNumber}::int[], ${c.prMergedAt}::timestamptz[])
        AS s(sha, authored_at, committed_at, pr_number, pr_merged_at)
      JOIN change ch ON ch.service_id = ${serviceId} AND ch.sha = s.sha
      JOIN change_first_deployment f ON f.change_id = ch.id
      WHERE (f.committed_at, f.pr_number, f.pr_merged_at) IS DISTINCT FROM (
        coalesce(s.committed_at, ch.committed_at, s.authored_at, ch.authored_at), coalesce(s.pr_number, ch.pr_number),
        coalesce(s.pr_merged_at, ch.pr_merged_at))`))
  }
  return keys
}

// Upserts the commits of every service, services in id order (step 2 of SequenceLocks' order). Returns
// the changed ones as "serviceId:sha".
export async function upsertChangesInOrder(tx: Tx, locks: SequenceLocks, byService: Map<number, CommitInput[]>): Promise<Set<string>> {
  const changed = new Set<string>()
  for (const serviceId of [...byService.keys()].sort((a, b) => a - b)) {
    for (const sha of await upsertChanges(tx, locks, serviceId, byService.get(serviceId)!)) changed.add(`${serviceId}:${sha}`)
  }
  return changed
}

// Upserts commits of a service (one row per sha, in sha order, so concurrent writers lock change rows in
// the same order); sent values win, absent ones keep what is stored. Returns the shas whose rows changed.
// A known commit keeps its id (ON CONFLICT alone takes a sequence value per row per request, and every
// deployment re-sends its commits); only a new one takes a value, as its row's id.
export async function upsertChanges(tx: Tx, locks: SequenceLocks, serviceId: number, commits: CommitInput[]): Promise<string[]> {
  if (commits.length === 0) return []
  const bySha = new Map(commits.map((c) => [c.sha, c]))
  const c = columns([...bySha.values()].sort((a, b) => (a.sha < b.sha ? -1 : 1)))
  const changed = await queryRows<{ id: number; sha: string }>(tx, sql`
    INSERT INTO change AS c (id, service_id, sha, authored_at, committed_at, message, pr_number, pr_opened_at, pr_merged_at)
    SELECT COALESCE(known.id, nextval(pg_get_serial_sequence('change', 'id'))::int), ${serviceId}, u.*
    FROM unnest(${c.sha}::text[], ${c.authoredAt}::timestamptz[],
      ${c.committedAt}::timestamptz[], ${c.message}::text[], ${c.prNumber}::int[],
      ${c.prOpenedAt}::timestamptz[], ${c.prMergedAt}::timestamptz[]) AS u(sha)
    LEFT JOIN change known ON known.service_id = ${serviceId} AND known.sha = u.sha
    ORDER BY u.sha
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
    RETURNING id, sha`)
  // lead time reads the change's time and pull request from its first-deployment copies, and their
  // triggers (pull_request_deployment) recompute per sequence: the copies that now differ are updated,
  // each under its sequence's lock, and only in the sequences this found (the lock was for those).
  if (changed.length > 0) {
    const ids = changed.map((r) => r.id)
    const stale = await queryRows<SequenceKey>(tx, sql`
      SELECT DISTINCT f.service_id AS "serviceId", f.environment_id AS "environmentId"
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id
      WHERE c.id = ANY(${ids}::int[])
        AND (f.committed_at, f.pr_number, f.pr_merged_at) IS DISTINCT FROM (coalesce(c.committed_at, c.authored_at), c.pr_number, c.pr_merged_at)`)
    if (stale.length > 0) {
      await locks.ensure(stale)
      await tx.query(sql`
        UPDATE change_first_deployment f SET committed_at = coalesce(c.committed_at, c.authored_at), pr_number = c.pr_number, pr_merged_at = c.pr_merged_at
        FROM change c WHERE c.id = f.change_id AND c.id = ANY(${ids}::int[]) AND f.environment_id = ANY(${stale.map((k) => k.environmentId)}::int[])
          AND (f.committed_at, f.pr_number, f.pr_merged_at) IS DISTINCT FROM (coalesce(c.committed_at, c.authored_at), c.pr_number, c.pr_merged_at)`)
    }
  }
  return changed.map((r) => r.sha)
}
