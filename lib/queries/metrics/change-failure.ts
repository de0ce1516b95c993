import sql, { raw, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { changeFailureCandidatesCte, classifiedDeploymentsCte } from '@/lib/queries/metrics/classified-deployments'
import { deploymentCountsFromRollup } from '@/lib/queries/metrics/deployment-rollup'
import { bucketOf, countsForCfr, groupByBucket, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

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
  recoveryMean: number | null
  unrecovered: number
}

// Change failures, unplanned (rework) deployments and recovery from each failure, per bucket and
// overall (bucket null). Recovery ends at the earlier of a linked incident's resolution and the next
// successful deployment of the same service and environment (deployment.next_success_at). The counts come from
// the rollups (the deployments' stored flags) plus the deployments incidents are attributed to.
export async function countChangeFailures(w: MetricWindow, client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  return w.strategies ? countChangeFailuresFromDeployments(w, client) : countChangeFailuresFromRollup(w, client)
}

// Every deployment of the window classified: any scope.
export async function countChangeFailuresFromDeployments(w: MetricWindow, client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  return queryRows<ChangeFailureCounts>(client, sql`
    WITH ${classifiedDeploymentsCte(w)},
    ${recoveryCte()}
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

type Additions = Pick<ChangeFailureCounts, 'bucket' | 'recovered' | 'recoveryMedian' | 'recoveryMean' | 'unrecovered'>
  & { inferredFailures: number; inferredOnly: number }

export async function countChangeFailuresFromRollup(w: MetricWindow, client: Queryable = pool()): Promise<ChangeFailureCounts[]> {
  const [counts, additions] = await Promise.all([
    deploymentCountsFromRollup(w, client),
    queryRows<Additions>(client, sql`
      WITH ${changeFailureCandidatesCte(w)},
      ${recoveryCte()}
      SELECT ${bucketOf(raw('finished_at'), w)} AS bucket,
        count(*) FILTER (WHERE incident_inferred AND NOT (failed OR rolled_back OR incident_explicit))::int AS "inferredFailures",
        count(*) FILTER (WHERE incident_inferred AND NOT incident_explicit)::int AS "inferredOnly",
        ${recoveryColumns}
      FROM recovery ${groupByBucket(w)}`),
  ])
  const additionsByBucket = new Map(additions.map((a) => [a.bucket, a]))
  return counts.map((c) => {
    const a = additionsByBucket.get(c.bucket)
    return {
      bucket: c.bucket,
      deployments: c.success + c.failure,
      failures: c.changeFailure + (a?.inferredFailures ?? 0),
      failed: c.failure,
      rolledBack: c.rolledBack,
      withIncident: c.causedIncident + (a?.inferredOnly ?? 0),
      unplanned: c.unplanned,
      recovered: a?.recovered ?? 0,
      recoveryMedian: a?.recoveryMedian ?? null,
      recoveryMean: a?.recoveryMean ?? null,
      unrecovered: a?.unrecovered ?? 0,
    }
  })
}

// From `classified`: which deployments are change failures, and when each recovered.
export function recoveryCte(): Sql {
  return sql`
    incident_resolutions AS (
      SELECT deployment_id, min(resolved_at) AS resolved_at FROM (
        SELECT i.cause_deployment_id AS deployment_id, i.resolved_at FROM incident i JOIN service s ON s.id = i.service_id
        WHERE i.cause_deployment_id IN (SELECT id FROM classified WHERE incident_explicit) AND ${countsForCfr}
        UNION ALL
        SELECT a.deployment_id, i.resolved_at FROM attributed a JOIN incident i ON i.id = a.incident_id
      ) linked GROUP BY 1
    ),
    judged AS (
      SELECT c.*, (c.failed OR c.rolled_back OR c.incident_explicit OR c.incident_inferred) AS is_failure FROM classified c
    ),
    -- next_success_at: the next successful deployment in sequence order, kept at ingest
    recovery AS (
      SELECT j.*, extract(epoch FROM least(r.resolved_at, CASE WHEN j.is_failure THEN j.next_success_at END) - j.finished_at)::float8 AS recovery_seconds
      FROM judged j
      LEFT JOIN incident_resolutions r ON j.is_failure AND r.deployment_id = j.id
    )`
}

export const recoveryColumns = sql`
  count(recovery_seconds) FILTER (WHERE is_failure)::int AS recovered,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY recovery_seconds) FILTER (WHERE is_failure) AS "recoveryMedian",
  -- summed as numeric, exact whatever the order of the rows (the rollup and the row-by-row paths read them in
  -- different orders, and a float sum's last digits follow the order)
  (avg(recovery_seconds::numeric) FILTER (WHERE is_failure))::float8 AS "recoveryMean",
  count(*) FILTER (WHERE is_failure AND recovery_seconds IS NULL)::int AS unrecovered`
