import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { classifiedDeploymentsCte } from '@/lib/queries/metrics/classified-deployments'
import { recoveryColumns, recoveryCte } from '@/lib/queries/metrics/change-failure'
import { blastRadius } from '@/lib/queries/metrics/list-metric-records'
import { bucketOf, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

// The figures GET /api/v1/metrics/strategies compares, per deployment strategy (issue 22). Every
// deployment is classified as the metrics API classifies it (lib/queries/metrics/classified-deployments.ts).

export type StrategyDeploymentRow = {
  strategy: string
  bucket: string | null // a month of the window's trend; null: the whole window
  deployments: number
  failures: number
  unplanned: number
  recovered: number
  recoveryMedian: number | null
  unrecovered: number
  blastRadiusMedian: number | null
  blastRadiusKnown: number
  readyMedian: number | null
  readyP90: number | null
  readyCount: number
}

// Per strategy over the window and per strategy and bucket (w.granularity: month for the trend).
export async function strategyDeploymentFigures(w: MetricWindow, client: Queryable = pool()): Promise<StrategyDeploymentRow[]> {
  const rows = await queryRows<Omit<StrategyDeploymentRow, 'readyMedian' | 'readyP90'> & { ready: number[] | null }>(client, sql`
    WITH ${classifiedDeploymentsCte(w)},
    ${recoveryCte()},
    measured AS (
      SELECT r.*, d.strategy::text AS strategy, ${blastRadius} AS blast,
        CASE WHEN d.ready_at >= d.started_at THEN extract(epoch FROM d.ready_at - d.started_at)::float8 END AS ready_seconds
      FROM recovery r JOIN deployment d ON d.id = r.id
    )
    SELECT strategy, ${bucketOf(raw('finished_at'), w)} AS bucket,
      count(*)::int AS deployments,
      count(*) FILTER (WHERE is_failure)::int AS failures,
      count(*) FILTER (WHERE is_hotfix OR is_rollback_effective OR fixes_incident)::int AS unplanned,
      ${recoveryColumns},
      percentile_cont(0.5) WITHIN GROUP (ORDER BY blast) FILTER (WHERE is_failure) AS "blastRadiusMedian",
      count(blast) FILTER (WHERE is_failure)::int AS "blastRadiusKnown",
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ready_seconds) AS ready,
      count(ready_seconds)::int AS "readyCount"
    FROM measured
    GROUP BY GROUPING SETS ((1), (1, 2))`)
  return rows.map(({ ready, ...r }) => ({ ...r, readyMedian: ready?.[0] ?? null, readyP90: ready?.[1] ?? null }))
}

export type StrategyLeadTimeRow = { strategy: string; changes: number; median: number | null }

// Changes by the strategy of the deployment that first shipped them to a scoped environment.
export async function strategyLeadTimes(w: MetricWindow, client: Queryable = pool()): Promise<StrategyLeadTimeRow[]> {
  return queryRows<StrategyLeadTimeRow>(client, sql`
    SELECT d.strategy::text AS strategy,
      count(*) FILTER (WHERE f.deployed_at >= f.committed_at)::int AS changes,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', f.deployed_at - f.committed_at))
        FILTER (WHERE f.deployed_at >= f.committed_at) AS median
    FROM change_first_deployment f JOIN deployment d ON d.id = f.deployment_id
    WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
      AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to}
    GROUP BY 1`)
}

export type StrategyMixRow = { service: string; strategy: string; deployments: number }

// Finished deployments per service and strategy: how each service ships.
export async function strategyMix(w: MetricWindow, client: Queryable = pool()): Promise<StrategyMixRow[]> {
  return queryRows<StrategyMixRow>(client, sql`
    SELECT s.slug AS service, x.strategy, x.deployments FROM (
      SELECT d.service_id, d.strategy::text AS strategy, count(*)::int AS deployments FROM deployment d
      WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
        AND d.status IN ('success', 'failure') AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to}
      GROUP BY 1, 2) x
    JOIN service s ON s.id = x.service_id
    ORDER BY 1, 2`)
}
