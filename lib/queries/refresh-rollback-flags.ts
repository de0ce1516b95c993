import sql, { empty } from 'sql-template-tag'
import type { Queryable, Tx } from '@/lib/db'

// A range of one service and environment's deployment sequence whose rollback flags may have changed.
// At most one range per service and environment per call.
export type SequenceRange = { serviceId: number; environmentId: number; from: Date | null; to: Date | null }

// Recomputes `rolls_back` and `rolled_back` (docs/metrics.md, change failure rate) for the finished
// deployments of each range, with the neighbours they depend on. The sequence of a service and
// environment is its deployments with status success or failure ordered by (finished_at, id):
// - rolls_back: flagged rollback, or deploys a version other than the previous one that had a successful
//   deployment finished before the previous one (it redeploys an earlier version);
// - rolled_back: the next deployment of the sequence rolls back.
// A range [from, to] (null: unbounded) is widened to the last deployment before it and the first after
// it (once per range: MATERIALIZED, or the planner re-runs those probes for every deployment it reads).
// The first row of the widened set has no predecessor in it and the last no successor, so their
// rolls_back / rolled_back keep their stored values (the change cannot have moved those).
export async function refreshRollbackFlags(client: Queryable, ranges: SequenceRange[]): Promise<number> {
  if (ranges.length === 0) return 0
  const col = <T>(pick: (r: SequenceRange) => T) => ranges.map(pick)
  const result = await client.query(sql`
    WITH ranges AS MATERIALIZED (
      SELECT r.service_id, r.environment_id,
        coalesce((SELECT d.finished_at FROM deployment d
          WHERE d.service_id = r.service_id AND d.environment_id = r.environment_id AND d.status IN ('success', 'failure')
            AND d.finished_at < r.lo ORDER BY d.finished_at DESC LIMIT 1), '-infinity') AS lo,
        coalesce((SELECT d.finished_at FROM deployment d
          WHERE d.service_id = r.service_id AND d.environment_id = r.environment_id AND d.status IN ('success', 'failure')
            AND d.finished_at > r.hi ORDER BY d.finished_at LIMIT 1), 'infinity') AS hi
      FROM unnest(${col((r) => r.serviceId)}::int[], ${col((r) => r.environmentId)}::int[],
        ${col((r) => r.from ?? '-infinity')}::timestamptz[], ${col((r) => r.to ?? 'infinity')}::timestamptz[])
        AS r(service_id, environment_id, lo, hi)
    ),
    seq AS (
      SELECT d.id, d.service_id, d.environment_id, d.finished_at, d.version, d.is_rollback, r.lo, r.hi,
        lag(d.version) OVER w AS prev_version, lag(d.finished_at) OVER w AS prev_finished_at,
        row_number() OVER w AS from_start, row_number() OVER backwards AS from_end
      FROM ranges r JOIN deployment d ON d.service_id = r.service_id AND d.environment_id = r.environment_id
        AND d.status IN ('success', 'failure') AND d.finished_at >= r.lo AND d.finished_at <= r.hi
      WINDOW w AS (PARTITION BY r.service_id, r.environment_id ORDER BY d.finished_at, d.id),
        backwards AS (PARTITION BY r.service_id, r.environment_id ORDER BY d.finished_at DESC, d.id DESC)
    ),
    flagged AS (
      SELECT seq.*, seq.is_rollback OR (seq.version IS NOT NULL AND seq.prev_version IS NOT NULL
        AND seq.version <> seq.prev_version AND EXISTS (
          SELECT 1 FROM deployment p WHERE p.service_id = seq.service_id AND p.environment_id = seq.environment_id
            AND p.version = seq.version AND p.status = 'success' AND p.finished_at < seq.prev_finished_at)) AS rolls_back
      FROM seq
    ),
    sequenced AS (
      SELECT f.*, coalesce(lead(f.rolls_back) OVER (PARTITION BY f.service_id, f.environment_id
        ORDER BY f.finished_at, f.id), false) AS rolled_back
      FROM flagged f
    )
    UPDATE deployment d SET
      rolls_back = CASE WHEN s.from_start = 1 AND s.lo > '-infinity' THEN d.rolls_back ELSE s.rolls_back END,
      rolled_back = CASE WHEN s.from_end = 1 AND s.hi < 'infinity' THEN d.rolled_back ELSE s.rolled_back END
    FROM sequenced s
    WHERE d.id = s.id AND (d.rolls_back, d.rolled_back) IS DISTINCT FROM (
      CASE WHEN s.from_start = 1 AND s.lo > '-infinity' THEN d.rolls_back ELSE s.rolls_back END,
      CASE WHEN s.from_end = 1 AND s.hi < 'infinity' THEN d.rolled_back ELSE s.rolled_back END)`)
  return result.rowCount ?? 0
}

// Recomputes `next_success_at` (the finish of the next successful deployment in sequence order: where
// a change failure's recovery ends) for each range's deployments and those before it back to the last
// success before it, whose next success may be in the range. The range's last row takes the first
// success after it.
export async function refreshNextSuccess(client: Queryable, ranges: SequenceRange[]): Promise<number> {
  if (ranges.length === 0) return 0
  const col = <T>(pick: (r: SequenceRange) => T) => ranges.map(pick)
  const result = await client.query(sql`
    WITH ranges AS MATERIALIZED (
      SELECT r.service_id, r.environment_id, r.hi,
        coalesce((SELECT d.finished_at FROM deployment d
          WHERE d.service_id = r.service_id AND d.environment_id = r.environment_id AND d.status = 'success'
            AND d.finished_at < r.lo ORDER BY d.finished_at DESC LIMIT 1), '-infinity') AS lo
      FROM unnest(${col((r) => r.serviceId)}::int[], ${col((r) => r.environmentId)}::int[],
        ${col((r) => r.from ?? '-infinity')}::timestamptz[], ${col((r) => r.to ?? 'infinity')}::timestamptz[])
        AS r(service_id, environment_id, lo, hi)
    ),
    seq AS (
      SELECT d.id, d.service_id, d.environment_id, d.finished_at,
        min(d.finished_at) FILTER (WHERE d.status = 'success') OVER later AS next_in_range,
        row_number() OVER later = 1 AS is_last
      FROM ranges r JOIN deployment d ON d.service_id = r.service_id AND d.environment_id = r.environment_id
        AND d.status IN ('success', 'failure') AND d.finished_at >= r.lo AND d.finished_at <= r.hi
      WINDOW later AS (PARTITION BY d.service_id, d.environment_id ORDER BY d.finished_at DESC, d.id DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ),
    after_range AS (
      SELECT s.service_id, s.environment_id, (SELECT n.finished_at FROM deployment n
        WHERE n.service_id = s.service_id AND n.environment_id = s.environment_id AND n.status = 'success'
          AND n.finished_at >= s.finished_at AND (n.finished_at, n.id) > (s.finished_at, s.id)
        -- only the time is wanted: ordering by it alone reads the index in order and stops at the first
        -- (with the id too it sorted every later deployment, on each ingest that arrived out of order)
        ORDER BY n.finished_at LIMIT 1) AS first_success
      FROM seq s WHERE s.is_last
    )
    UPDATE deployment d SET next_success_at = coalesce(s.next_in_range, a.first_success)
    FROM seq s JOIN after_range a ON a.service_id = s.service_id AND a.environment_id = s.environment_id
    WHERE d.id = s.id AND d.next_success_at IS DISTINCT FROM coalesce(s.next_in_range, a.first_success)`)
  return result.rowCount ?? 0
}

// Out of the sequence (unfinished, cancelled): no rollback flags, no next success.
export async function clearRollbackFlags(tx: Tx, deploymentId: number): Promise<void> {
  await tx.query(sql`UPDATE deployment SET rolls_back = false, rolled_back = false, next_success_at = NULL
    WHERE id = ${deploymentId} AND (rolls_back OR rolled_back OR next_success_at IS NOT NULL)`)
}

// The last finished deployment of any of these versions: redeploying one of them later may be a rollback.
export async function latestOfVersions(tx: Tx, serviceId: number, environmentId: number, versions: string[]): Promise<Date | null> {
  if (versions.length === 0) return null
  const { rows } = await tx.query<{ latest: Date | null }>(sql`
    SELECT max(finished_at) AS latest FROM deployment
    WHERE service_id = ${serviceId} AND environment_id = ${environmentId} AND version = ANY(${versions}::text[])`)
  return rows[0]?.latest ?? null
}

// The same flags and next successes for every sequence at once (or every sequence of these services),
// after a bulk load:
// instead of probing each deployment's version history, the first successful deployment of each version
// comes from one window over the table.
export async function refreshAllRollbackFlags(client: Queryable, serviceIds?: number[]): Promise<number> {
  const only = serviceIds ? sql`AND d.service_id = ANY(${serviceIds}::int[])` : empty
  const result = await client.query(sql`
    WITH seq AS (
      SELECT d.id, d.service_id, d.environment_id, d.finished_at, d.version, d.is_rollback,
        lag(d.version) OVER w AS prev_version, lag(d.finished_at) OVER w AS prev_finished_at,
        min(d.finished_at) FILTER (WHERE d.status = 'success') OVER (PARTITION BY d.service_id, d.environment_id, d.version)
          AS version_first_success
      FROM deployment d
      WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL ${only}
      WINDOW w AS (PARTITION BY d.service_id, d.environment_id ORDER BY d.finished_at, d.id)
    ),
    flagged AS (
      SELECT seq.*, seq.is_rollback OR coalesce(seq.version <> seq.prev_version
        AND seq.version_first_success < seq.prev_finished_at, false) AS rolls_back
      FROM seq
    ),
    sequenced AS (
      SELECT f.id, f.rolls_back, coalesce(lead(f.rolls_back) OVER (PARTITION BY f.service_id, f.environment_id
        ORDER BY f.finished_at, f.id), false) AS rolled_back
      FROM flagged f
    )
    UPDATE deployment d SET rolls_back = s.rolls_back, rolled_back = s.rolled_back
    FROM sequenced s WHERE d.id = s.id AND (d.rolls_back, d.rolled_back) IS DISTINCT FROM (s.rolls_back, s.rolled_back)`)
  const next = await client.query(sql`
    UPDATE deployment d SET next_success_at = s.next_success_at
    FROM (
      SELECT d.id, min(d.finished_at) FILTER (WHERE d.status = 'success') OVER (PARTITION BY d.service_id, d.environment_id
        ORDER BY d.finished_at DESC, d.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_success_at
      FROM deployment d WHERE d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL ${only}
    ) s
    WHERE d.id = s.id AND d.next_success_at IS DISTINCT FROM s.next_success_at`)
  return (result.rowCount ?? 0) + (next.rowCount ?? 0)
}
