import sql, { raw, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { classifiedDeploymentsCte, flaggedOrLinkedDeploymentsCte } from '@/lib/queries/metrics/classified-deployments'
import { deploymentCountsFromRollup, type DeploymentRollupCounts } from '@/lib/queries/metrics/deployment-rollup'
import { bucketOf, groupByBucket, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

export type ChangeFailureCounts = {
  bucket: string | null
  deployments: number
  failures: number
  failed: number
  rolledBack: number
  withIncident: number
  unplanned: number
  // failed deployment recovery time over the same change failures
  recovered: number
  recoveryMedian: number | null
  unrecovered: number
}

// Change failures, unplanned (rework) deployments and recovery from each failure, per bucket and
// overall (bucket null). Recovery ends at the earlier of a linked incident's resolution and the next
// successful deployment of the same service and environment. A whole team's counts come from
// deployment_rollup plus the few deployments whose incident links add to their stored flags.
export async function countChangeFailures(w: MetricWindow, client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  return w.teamIds ? countChangeFailuresFromRollup(w, w.teamIds, client) : countChangeFailuresFromDeployments(w, client)
}

// Every deployment of the window classified: any scope.
export async function countChangeFailuresFromDeployments(w: MetricWindow, client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  return queryRows<ChangeFailureCounts>(client, sql`
    WITH ${classifiedDeploymentsCte(w)},
    ${recoveryCte(w)}
    SELECT ${bucketOf(raw('finished_at'), w)} AS bucket,
      count(*)::int AS deployments,
      count(*) FILTER (WHERE is_failure)::int AS failures,
      count(*) FILTER (WHERE failed)::int AS failed,
      count(*) FILTER (WHERE rolled_back)::int AS "rolledBack",
      count(*) FILTER (WHERE incident_explicit OR incident_inferred)::int AS "withIncident",
      count(*) FILTER (WHERE is_hotfix OR is_rollback_effective OR fixes_incident)::int AS unplanned,
      ${recoveryColumns}
    FROM recovery ${groupByBucket(w)}`)
}

type Additions = Pick<ChangeFailureCounts, 'bucket' | 'withIncident' | 'recovered' | 'recoveryMedian' | 'unrecovered'> & { linkedFailures: number; fixUnplanned: number }

export async function countChangeFailuresFromRollup(w: MetricWindow, teamIds: number[], client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  const [counts, additions] = await Promise.all([
    deploymentCountsFromRollup(w, teamIds, client),
    queryRows<Additions>(client, sql`
      WITH ${flaggedOrLinkedDeploymentsCte(w)},
      ${recoveryCte(w)}
      SELECT ${bucketOf(raw('finished_at'), w)} AS bucket,
        count(*) FILTER (WHERE is_failure AND NOT (failed OR rolled_back))::int AS "linkedFailures",
        count(*) FILTER (WHERE incident_explicit OR incident_inferred)::int AS "withIncident",
        count(*) FILTER (WHERE fixes_incident AND NOT (is_hotfix OR is_rollback_effective))::int AS "fixUnplanned",
        ${recoveryColumns}
      FROM recovery ${groupByBucket(w)}`),
  ])
  const byBucket = new Map(additions.map((a) => [a.bucket, a]))
  const empty: Additions = { bucket: null, withIncident: 0, recovered: 0, recoveryMedian: null, unrecovered: 0, linkedFailures: 0, fixUnplanned: 0 }
  const keys = new Set<string | null>([...counts.map((c) => c.bucket), ...additions.map((a) => a.bucket)])
  const countsByBucket = new Map<string | null, DeploymentRollupCounts>(counts.map((c) => [c.bucket, c]))
  return [...keys].map((bucket) => {
    const c = countsByBucket.get(bucket)
    const a = byBucket.get(bucket) ?? empty
    return {
      bucket,
      deployments: (c?.success ?? 0) + (c?.failure ?? 0),
      failures: (c?.failedOrRolledBack ?? 0) + a.linkedFailures,
      failed: c?.failure ?? 0,
      rolledBack: c?.rolledBack ?? 0,
      withIncident: a.withIncident,
      unplanned: (c?.hotfixOrRollback ?? 0) + a.fixUnplanned,
      recovered: a.recovered,
      recoveryMedian: a.recoveryMedian,
      unrecovered: a.unrecovered,
    }
  }).filter((r) => r.deployments > 0 || r.bucket === null)
}

// From `classified`: which deployments are change failures, and when each recovered.
function recoveryCte(w: MetricWindow): Sql {
  return sql`
    incident_resolutions AS (
      SELECT deployment_id, min(resolved_at) AS resolved_at FROM (
        SELECT i.cause_deployment_id AS deployment_id, i.resolved_at FROM incident i
        WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND i.cause_deployment_id IS NOT NULL
        UNION ALL
        SELECT a.deployment_id, i.resolved_at FROM attributed a JOIN incident i ON i.id = a.incident_id
      ) linked GROUP BY 1
    ),
    judged AS (
      SELECT c.*, (c.failed OR c.rolled_back OR c.incident_explicit OR c.incident_inferred) AS is_failure FROM classified c
    ),
    recovery AS (
      SELECT j.*, extract(epoch FROM least(r.resolved_at, next_success.finished_at) - j.finished_at)::float8 AS recovery_seconds
      FROM judged j
      LEFT JOIN incident_resolutions r ON j.is_failure AND r.deployment_id = j.id
      LEFT JOIN LATERAL (
        SELECT n.finished_at FROM deployment n
        WHERE j.is_failure AND n.service_id = j.service_id AND n.environment_id = j.environment_id
          AND n.status = 'success' AND n.finished_at > j.finished_at
        ORDER BY n.finished_at LIMIT 1) next_success ON true
    )`
}

const recoveryColumns = sql`
  count(recovery_seconds) FILTER (WHERE is_failure)::int AS recovered,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY recovery_seconds) FILTER (WHERE is_failure) AS "recoveryMedian",
  count(*) FILTER (WHERE is_failure AND recovery_seconds IS NULL)::int AS unrecovered`
