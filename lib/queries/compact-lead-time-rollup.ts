import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// Folds lead_time_rollup's deltas into one row per (team, environment, span, day, bin) and drops the
// ones that cancel out. One statement: readers see the rows before or after, both the same sums, and
// deltas that ingest appends meanwhile are not in its snapshot, so they are neither lost nor doubled.
export async function compactLeadTimeRollup(client: Queryable = pool()): Promise<{ removed: number; kept: number }> {
  const [row] = await queryRows<{ removed: number; kept: number }>(client, sql`
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
  return row!
}
