import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { classifiedDeploymentsCte } from '@/lib/queries/metrics/classified-deployments'
import { bucketOf, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

export type ChangeFailureCounts = {
  bucket: string | null
  deployments: number
  failures: number
  failed: number
  rolledBack: number
  withIncident: number
  unplanned: number
}

// Change failures and unplanned (rework) deployments per bucket and overall (bucket null).
export async function countChangeFailures(w: MetricWindow, client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  return queryRows<ChangeFailureCounts>(client, sql`
    WITH ${classifiedDeploymentsCte(w)}
    SELECT ${bucketOf(raw('finished_at'), w)} AS bucket,
      count(*)::int AS deployments,
      count(*) FILTER (WHERE failed OR rolled_back OR incident_explicit OR incident_inferred)::int AS failures,
      count(*) FILTER (WHERE failed)::int AS failed,
      count(*) FILTER (WHERE rolled_back)::int AS "rolledBack",
      count(*) FILTER (WHERE incident_explicit OR incident_inferred)::int AS "withIncident",
      count(*) FILTER (WHERE is_hotfix OR is_rollback_effective OR fixes_incident)::int AS unplanned
    FROM classified GROUP BY ROLLUP (1)`)
}

export type RecoveryStats = { bucket: string | null; count: number; median: number | null; unrecovered: number }

// Failed deployment recovery time: from each change failure to the earlier of its incident's
// resolution and the next successful deployment of the same service and environment.
export async function failedDeploymentRecovery(w: MetricWindow, client: Queryable = pool()): Promise<RecoveryStats[]> {
  return queryRows<RecoveryStats>(client, sql`
    WITH ${classifiedDeploymentsCte(w)},
    incident_resolutions AS (
      SELECT i.cause_deployment_id AS deployment_id, i.resolved_at FROM incident i
      WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND i.cause_deployment_id IS NOT NULL
      UNION ALL
      SELECT a.deployment_id, i.resolved_at FROM attributed a JOIN incident i ON i.id = a.incident_id
    ),
    failures AS (
      SELECT c.id, c.finished_at,
        least((SELECT min(r.resolved_at) FROM incident_resolutions r WHERE r.deployment_id = c.id), next_success.finished_at) AS recovered_at
      FROM classified c
      LEFT JOIN LATERAL (
        SELECT n.finished_at FROM deployment n
        WHERE n.service_id = c.service_id AND n.environment_id = c.environment_id AND n.status = 'success' AND n.finished_at > c.finished_at
        ORDER BY n.finished_at LIMIT 1) next_success ON true
      WHERE c.failed OR c.rolled_back OR c.incident_explicit OR c.incident_inferred
    ),
    spans AS (SELECT finished_at, extract(epoch FROM recovered_at - finished_at)::float8 AS seconds FROM failures)
    SELECT ${bucketOf(raw('finished_at'), w)} AS bucket,
      count(seconds)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
      count(*) FILTER (WHERE seconds IS NULL)::int AS unrecovered
    FROM spans GROUP BY ROLLUP (1)`)
}
