import type { Queryable } from '@/lib/db'

// The tables whose triggers keep the metrics rollups (lead_time_rollup and lead_time_service_rollup,
// pull_request_deployment, deployment_rollup and deployment_service_rollup) and the deployments'
// incident flags, row by row at ingest.
const TRIGGERED_TABLES = ['deployment', 'change_first_deployment', 'incident', 'pull_request_deployment']

// What the triggers write (and rebuildRollups rewrites): loaders analyze them after a rebuild.
export const ROLLUP_TABLES = ['pull_request_deployment', 'lead_time_rollup', 'lead_time_service_rollup', 'deployment_rollup', 'deployment_service_rollup']

// Bulk loaders (demo, benchmark) write millions of rows in a few statements: the triggers would keep
// the rollups one statement at a time (the pull requests' one joining every first deployment per
// batch). Instead they are switched off for the load and the derived rows rebuilt once, set-based.
// ALTER TABLE is transactional: inside a transaction a rollback switches them on again.
export async function suspendRollupTriggers(client: Queryable): Promise<() => Promise<void>> {
  for (const table of TRIGGERED_TABLES) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
  return async () => {
    for (const table of TRIGGERED_TABLES) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`)
  }
}

// Everything the triggers keep, recomputed from the rows: the same values they would have written
// (lib/queries/metrics/rollups.integration.test.ts compares both). Run with the triggers suspended.
export async function rebuildRollups(client: Queryable): Promise<void> {
  await client.query(`
    UPDATE deployment d SET caused_incident = x.caused, fixed_incident = x.fixed
    FROM (
      SELECT d.id, c.id IS NOT NULL AS caused, f.id IS NOT NULL AS fixed
      FROM deployment d
      LEFT JOIN (
        SELECT DISTINCT i.cause_deployment_id AS id FROM incident i JOIN service s ON s.id = i.service_id
        WHERE incident_counts_for_cfr(i.not_caused_by_change, i.severity, s.cfr_severities)) c ON c.id = d.id
      LEFT JOIN (SELECT DISTINCT fix_deployment_id AS id FROM incident) f ON f.id = d.id
    ) x
    WHERE d.id = x.id AND (d.caused_incident, d.fixed_incident) IS DISTINCT FROM (x.caused, x.fixed)`)
  await client.query(`TRUNCATE ${ROLLUP_TABLES.join(', ')}`)
  await client.query(`
    INSERT INTO pull_request_deployment (service_id, environment_id, pr_number, deployed_at, first_committed_at, merged_at)
    SELECT service_id, environment_id, pr_number, min(deployed_at), min(committed_at), max(pr_merged_at)
    FROM change_first_deployment WHERE pr_number IS NOT NULL
    GROUP BY 1, 2, 3`)
  // the spans binned per service, environment and UTC day once, then summed per team and day and per
  // service and week
  await client.query(`
    WITH per_day AS MATERIALIZED (
      SELECT service_id, environment_id, span, day, bin, count(*)::int AS n, coalesce(sum(ms), 0)::bigint AS ms
      FROM (
        SELECT service_id, environment_id, 0 AS span, (deployed_at AT TIME ZONE 'UTC')::date AS day, coalesce(lead_bin, -2) AS bin,
          CASE WHEN lead_bin >= 0 THEN round(date_part('epoch', deployed_at - committed_at) * 1000) END AS ms
        FROM change_first_deployment
        UNION ALL
        SELECT service_id, environment_id, 1, (deployed_at AT TIME ZONE 'UTC')::date, coalesce(first_commit_bin, -2),
          CASE WHEN first_commit_bin >= 0 THEN round(date_part('epoch', deployed_at - first_committed_at) * 1000) END
        FROM pull_request_deployment
        UNION ALL
        SELECT service_id, environment_id, 2, (deployed_at AT TIME ZONE 'UTC')::date, coalesce(merged_bin, -2),
          CASE WHEN merged_bin >= 0 THEN round(date_part('epoch', deployed_at - merged_at) * 1000) END
        FROM pull_request_deployment
      ) x
      GROUP BY 1, 2, 3, 4, 5
    ),
    by_service AS (
      INSERT INTO lead_time_service_rollup (service_id, environment_id, span, week, bin, changes, sum_ms)
      SELECT service_id, environment_id, span, date_trunc('week', day::timestamp)::date, bin, sum(n)::int, sum(ms)::bigint
      FROM per_day GROUP BY 1, 2, 3, 4, 5
    )
    INSERT INTO lead_time_rollup (team_id, environment_id, span, day, bin, changes, sum_ms)
    SELECT s.team_id, p.environment_id, p.span, p.day, p.bin, sum(p.n)::int, sum(p.ms)::bigint
    FROM per_day p JOIN service s ON s.id = p.service_id
    GROUP BY 1, 2, 3, 4, 5`)
  await client.query(`
    INSERT INTO deployment_service_rollup (service_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
    SELECT service_id, environment_id, (finished_at AT TIME ZONE 'UTC')::date,
      count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failure'),
      count(*) FILTER (WHERE rolled_back), count(*) FILTER (WHERE change_failure),
      count(*) FILTER (WHERE caused_incident), count(*) FILTER (WHERE is_hotfix OR rolls_back OR fixed_incident)
    FROM deployment
    WHERE status IN ('success', 'failure') AND finished_at IS NOT NULL
    GROUP BY 1, 2, 3`)
  // a team's counts are its services' summed
  await client.query(`
    INSERT INTO deployment_rollup (team_id, environment_id, day, success, failure, rolled_back, change_failure, caused_incident, unplanned)
    SELECT s.team_id, r.environment_id, r.day, sum(r.success)::int, sum(r.failure)::int, sum(r.rolled_back)::int,
      sum(r.change_failure)::int, sum(r.caused_incident)::int, sum(r.unplanned)::int
    FROM deployment_service_rollup r JOIN service s ON s.id = r.service_id
    GROUP BY 1, 2, 3`)
}
