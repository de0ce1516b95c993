import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type Compaction = { removed: number; kept: number }

// Folds the rollups' deltas (lead_time_rollup, deployment_rollup) into one row per key and drops the
// ones that cancel out. One statement per table: readers see the rows before or after, both the same
// sums, and deltas that ingest appends meanwhile are not in its snapshot, so they are neither lost
// nor doubled.
export async function compactRollups(client: Queryable = pool()): Promise<{ leadTime: Compaction; deployments: Compaction }> {
  const [leadTime] = await queryRows<Compaction>(client, sql`
    WITH folded AS (
      SELECT team_id, environment_id, span, day FROM lead_time_rollup
      GROUP BY 1, 2, 3, 4 HAVING count(*) > count(DISTINCT bin) OR bool_or(changes = 0 AND sum_ms = 0)
    ),
    gone AS (
      DELETE FROM lead_time_rollup r USING folded k
      WHERE r.team_id = k.team_id AND r.environment_id = k.environment_id AND r.span = k.span AND r.day = k.day
      RETURNING r.team_id, r.environment_id, r.span, r.day, r.bin, r.changes, r.sum_ms
    ),
    kept AS (
      INSERT INTO lead_time_rollup (team_id, environment_id, span, day, bin, changes, sum_ms)
      SELECT team_id, environment_id, span, day, bin, sum(changes), sum(sum_ms) FROM gone
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(changes) <> 0 OR sum(sum_ms) <> 0
      ORDER BY 1, 2, 3, 4, 5
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM kept)::int AS kept`)
  const [deployments] = await queryRows<Compaction>(client, sql`
    WITH folded AS (
      SELECT team_id, environment_id, day FROM deployment_rollup
      GROUP BY 1, 2, 3 HAVING count(*) > 1 OR bool_or((success, failure, rolled_back, change_failure, caused_incident, unplanned) = (0, 0, 0, 0, 0, 0))
    ),
    gone AS (
      DELETE FROM deployment_rollup r USING folded k
      WHERE r.team_id = k.team_id AND r.environment_id = k.environment_id AND r.day = k.day
      RETURNING r.team_id, r.environment_id, r.day, r.success, r.failure, r.rolled_back, r.change_failure, r.caused_incident, r.unplanned
    ),
    kept AS (
      INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
      SELECT * FROM (
        SELECT team_id, environment_id, day, sum(success)::int AS s, sum(failure)::int AS f, sum(rolled_back)::int AS rb,
          sum(change_failure)::int AS cf, sum(caused_incident)::int AS ci, sum(unplanned)::int AS u
        FROM gone GROUP BY 1, 2, 3
      ) x WHERE (s, f, rb, cf, ci, u) <> (0, 0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM kept)::int AS kept`)
  return { leadTime: leadTime!, deployments: deployments! }
}
