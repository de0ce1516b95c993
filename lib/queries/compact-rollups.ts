import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type Compaction = { removed: number; kept: number }

// The rollups: per team and per service (the key column) and day or week, kept as deltas by the same triggers.
const ROLLUPS = [
  { table: 'lead_time_rollup', key: 'team_id', period: 'day', kind: 'leadTime' },
  { table: 'lead_time_service_rollup', key: 'service_id', period: 'week', kind: 'leadTime' },
  { table: 'deployment_rollup', key: 'team_id', period: 'day', kind: 'deployments' },
  { table: 'deployment_service_rollup', key: 'service_id', period: 'day', kind: 'deployments' },
] as const

// Folds the rollups' deltas into one row per key and drops the ones that cancel out. One statement
// per table: readers see the rows before or after, both the same sums, and deltas that ingest appends
// meanwhile are not in its snapshot, so they are neither lost nor doubled. Counts are per kind, both
// tables of it together.
export async function compactRollups(client: Queryable = pool()): Promise<{ leadTime: Compaction; deployments: Compaction }> {
  const result = { leadTime: { removed: 0, kept: 0 }, deployments: { removed: 0, kept: 0 } }
  for (const rollup of ROLLUPS) {
    const [c] = await queryRows<Compaction>(client, rollup.kind === 'leadTime' ? foldLeadTime(rollup.table, rollup.key, rollup.period) : foldDeployments(rollup.table, rollup.key))
    result[rollup.kind].removed += c!.removed
    result[rollup.kind].kept += c!.kept
  }
  return result
}

function foldLeadTime(tableName: string, keyName: string, periodName: string) {
  const [table, key, period] = [raw(tableName), raw(keyName), raw(periodName)]
  return sql`
    WITH folded AS (
      SELECT ${key}, environment_id, span, ${period} FROM ${table}
      GROUP BY 1, 2, 3, 4 HAVING count(*) > count(DISTINCT bin) OR bool_or(changes = 0 AND sum_ms = 0)
    ),
    gone AS (
      DELETE FROM ${table} r USING folded k
      WHERE r.${key} = k.${key} AND r.environment_id = k.environment_id AND r.span = k.span AND r.${period} = k.${period}
      RETURNING r.${key}, r.environment_id, r.span, r.${period}, r.bin, r.changes, r.sum_ms
    ),
    kept AS (
      INSERT INTO ${table} (${key}, environment_id, span, ${period}, bin, changes, sum_ms)
      SELECT ${key}, environment_id, span, ${period}, bin, sum(changes), sum(sum_ms) FROM gone
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(changes) <> 0 OR sum(sum_ms) <> 0
      ORDER BY 1, 2, 3, 4, 5
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM kept)::int AS kept`
}

function foldDeployments(tableName: string, keyName: string) {
  const [table, key] = [raw(tableName), raw(keyName)]
  return sql`
    WITH folded AS (
      SELECT ${key}, environment_id, day FROM ${table}
      GROUP BY 1, 2, 3 HAVING count(*) > 1 OR bool_or((success, failure, rolled_back, change_failure, caused_incident, unplanned) = (0, 0, 0, 0, 0, 0))
    ),
    gone AS (
      DELETE FROM ${table} r USING folded k
      WHERE r.${key} = k.${key} AND r.environment_id = k.environment_id AND r.day = k.day
      RETURNING r.${key}, r.environment_id, r.day, r.success, r.failure, r.rolled_back, r.change_failure, r.caused_incident, r.unplanned
    ),
    kept AS (
      INSERT INTO ${table} (${key}, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
      SELECT * FROM (
        SELECT ${key}, environment_id, day, sum(success)::int AS s, sum(failure)::int AS f, sum(rolled_back)::int AS rb,
          sum(change_failure)::int AS cf, sum(caused_incident)::int AS ci, sum(unplanned)::int AS u
        FROM gone GROUP BY 1, 2, 3
      ) x WHERE (s, f, rb, cf, ci, u) <> (0, 0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM kept)::int AS kept`
}
