import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { deploymentCountsFromRollup } from '@/lib/queries/metrics/deployment-rollup'
import { bucketOf, groupByBucket, strategyIn, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

export type DeploymentCounts = { bucket: string | null; success: number; failure: number; deploymentDays: number }

// Finished production deployments per bucket (and overall: bucket null), and distinct local days with
// a success. In UTC the rollups are read (their days are UTC days); in other time zones, or filtered by
// strategy, the rows.
export async function countDeployments(w: MetricWindow, client: Queryable = pool()): Promise<DeploymentCounts[]> {
  if (w.tz === 'UTC' && !w.strategies) {
    const counts = await deploymentCountsFromRollup(w, client)
    return counts.map((c) => ({ bucket: c.bucket, success: c.success, failure: c.failure, deploymentDays: c.successDays }))
  }
  return countDeploymentsFromRows(w, client)
}

export async function countDeploymentsFromRows(w: MetricWindow, client: Queryable = pool()): Promise<DeploymentCounts[]> {
  return queryRows<DeploymentCounts>(client, sql`
    SELECT ${bucketOf(raw('d.finished_at'), w)} AS bucket,
      count(*) FILTER (WHERE d.status = 'success')::int AS success,
      count(*) FILTER (WHERE d.status = 'failure')::int AS failure,
      count(DISTINCT (d.finished_at AT TIME ZONE ${w.tz})::date) FILTER (WHERE d.status = 'success')::int AS "deploymentDays"
    FROM deployment d
    WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
      AND d.status IN ('success', 'failure') AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to}
      AND ${strategyIn(sql`d.strategy`, w)}
    ${groupByBucket(w)}`)
}
