import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { MetricWindow } from '@/lib/queries/metrics/scope-sql'

export type StrategyDowntimeRow = { strategy: string; measured: number; zeroDowntime: number; downtimeSeconds: number }

// Deployment-induced downtime (issue 22): for each finished production deployment of a probed service,
// how long the service's probes saw it down between the deployment's start (its finish when no start
// was sent) and its finish plus the service's grace period. The down intervals of all the service's
// checks are joined first (range_agg), so two checks down at once count once. Only deployments that
// began after the service's first probe are measured: before it there is no data, never zero.
export async function strategyDowntime(w: MetricWindow, client: Queryable = pool()): Promise<StrategyDowntimeRow[]> {
  return queryRows<StrategyDowntimeRow>(client, sql`
    WITH ${deploymentDowntimeCte(w)}
    SELECT strategy, count(*)::int AS measured, count(*) FILTER (WHERE downtime_seconds = 0)::int AS "zeroDowntime",
      coalesce(sum(downtime_seconds), 0)::float8 AS "downtimeSeconds"
    FROM deployment_downtime GROUP BY 1`)
}

// CTE deployment_downtime: (id, service_id, strategy, downtime_seconds), one row per measured deployment.
export function deploymentDowntimeCte(w: MetricWindow) {
  return sql`
    probed AS (
      SELECT c.service_id, min(least(c.created_at, coalesce(first_change.at, c.created_at))) AS since
      FROM probe_check c
      LEFT JOIN LATERAL (SELECT min(sc.at) AS at FROM probe_state_change sc WHERE sc.check_id = c.id) first_change ON true
      WHERE c.service_id = ANY(${w.serviceIds}::int[])
      GROUP BY 1
    ),
    measured_deployments AS (
      SELECT d.id, d.service_id, d.strategy::text AS strategy,
        tstzrange(coalesce(d.started_at, d.finished_at), d.finished_at + make_interval(secs => s.downtime_grace_seconds)) AS span
      FROM deployment d JOIN probed p ON p.service_id = d.service_id JOIN service s ON s.id = d.service_id
      WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
        AND d.status IN ('success', 'failure') AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to}
        AND p.since <= coalesce(d.started_at, d.finished_at)
    ),
    -- a check's down intervals: from a state change to down until its next change (still down: open)
    down_changes AS (
      SELECT c.service_id, sc.up, sc.at, lead(sc.at) OVER (PARTITION BY sc.check_id ORDER BY sc.at) AS next_at
      FROM probe_state_change sc JOIN probe_check c ON c.id = sc.check_id
      WHERE c.service_id IN (SELECT DISTINCT service_id FROM measured_deployments)
    ),
    down AS (
      SELECT service_id, range_agg(tstzrange(at, coalesce(next_at, 'infinity'))) AS ranges
      FROM down_changes WHERE NOT up AND (next_at IS NULL OR next_at > ${w.from}::timestamptz - interval '1 day')
      GROUP BY 1
    ),
    deployment_downtime AS (
      SELECT m.id, m.service_id, m.strategy,
        (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0)::float8
         FROM unnest(coalesce(dn.ranges, '{}'::tstzmultirange) * tstzmultirange(m.span)) x) AS downtime_seconds
      FROM measured_deployments m LEFT JOIN down dn ON dn.service_id = m.service_id
    )`
}
