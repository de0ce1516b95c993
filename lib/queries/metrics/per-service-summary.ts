import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { classifiedDeploymentsCte } from '@/lib/queries/metrics/classified-deployments'
import { recoveryColumns, recoveryCte } from '@/lib/queries/metrics/change-failure'
import { countsForTtr, strategyIn, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { firstDeployedWith } from '@/lib/queries/metrics/lead-time'

export type ServiceMetricsRow = {
  serviceId: number
  deployments: number
  leadTimeMedian: number | null
  changes: number
  failures: number
  finished: number
  restoreMedian: number | null
  incidents: number
  // rework (unplanned) deployments and failed deployment recovery over the same finished deployments
  unplanned: number
  recovered: number
  recoveryMedian: number | null
  unrecovered: number
  weekly: number[] // successful deployments per week of the window, for the sparkline
}

type FailureRow = { serviceId: number; finished: number; failures: number; unplanned: number; recovered: number; recoveryMedian: number | null; unrecovered: number }

// The DORA headlines (and recovery time and rework) for every service of the scope in one pass each (the services table).
export async function summarizeServices(w: MetricWindow, client: Queryable = pool()): Promise<ServiceMetricsRow[]> {
  return summarizeGroups(w, w.serviceIds, client)
}

// The same figures for groups of the scope's services (a metric page's breakdown by team): groupIds[i] is the
// group of w.serviceIds[i]; each row's serviceId is then its group's id. Medians are over the group's events,
// as the metrics API computes them for that set of services.
export async function summarizeGroups(w: MetricWindow, groupIds: number[], client: Queryable = pool()): Promise<ServiceMetricsRow[]> {
  const groups = sql`unnest(${w.serviceIds}::int[], ${groupIds}::int[]) AS grp(service_id, group_id)`
  const [deployments, leadTimes, failures, restores] = await Promise.all([
    queryRows<{ serviceId: number; deployments: number; weekly: number[] }>(client, sql`
      WITH weeks AS (
        SELECT grp.group_id, floor(extract(epoch FROM d.finished_at - ${w.from}::timestamptz) / 604800)::int AS week, count(*)::int AS n
        FROM deployment d JOIN ${groups} ON grp.service_id = d.service_id
        WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
          AND d.status = 'success' AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to} AND ${strategyIn(sql`d.strategy`, w)}
        GROUP BY 1, 2
      )
      SELECT g.id AS "serviceId", coalesce(sum(weeks.n), 0)::int AS deployments,
        ARRAY(SELECT coalesce((SELECT n FROM weeks w2 WHERE w2.group_id = g.id AND w2.week = k), 0)
              FROM generate_series(0, ceil(extract(epoch FROM ${w.to}::timestamptz - ${w.from}::timestamptz) / 604800)::int - 1) AS k) AS weekly
      FROM (SELECT DISTINCT g.id FROM unnest(${groupIds}::int[]) AS g(id)) g LEFT JOIN weeks ON weeks.group_id = g.id
      GROUP BY g.id`),
    queryRows<{ serviceId: number; leadTimeMedian: number | null; changes: number }>(client, sql`
      SELECT grp.group_id AS "serviceId",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', f.deployed_at - f.committed_at))
          FILTER (WHERE f.deployed_at >= f.committed_at) AS "leadTimeMedian",
        count(*) FILTER (WHERE f.deployed_at >= f.committed_at)::int AS changes
      FROM change_first_deployment f JOIN ${groups} ON grp.service_id = f.service_id
      WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
        AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to} AND ${firstDeployedWith(w)}
      GROUP BY 1`),
    // the metrics API's classification and recovery (lib/queries/metrics/change-failure.ts), per group
    queryRows<FailureRow>(client, sql`
      WITH ${classifiedDeploymentsCte(w)},
      ${recoveryCte()}
      SELECT grp.group_id AS "serviceId", count(*)::int AS finished,
        count(*) FILTER (WHERE is_failure)::int AS failures,
        count(*) FILTER (WHERE is_hotfix OR is_rollback_effective OR fixes_incident)::int AS unplanned,
        ${recoveryColumns}
      FROM recovery JOIN ${groups} ON grp.service_id = recovery.service_id GROUP BY 1`),
    queryRows<{ serviceId: number; restoreMedian: number | null; incidents: number }>(client, sql`
      SELECT grp.group_id AS "serviceId", count(*)::int AS incidents,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.opened_at)) AS "restoreMedian"
      FROM incident i JOIN ${groups} ON grp.service_id = i.service_id JOIN service s ON s.id = i.service_id
      WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY(${w.environmentIds}::int[]))
        AND i.resolved_at >= ${w.from} AND i.resolved_at < ${w.to} AND ${countsForTtr}
      GROUP BY 1`),
  ])
  const by = <T extends { serviceId: number }>(rows: T[]) => new Map(rows.map((r) => [r.serviceId, r]))
  const [lt, cf, tr] = [by(leadTimes), by(failures), by(restores)]
  return deployments.map((d) => ({
    serviceId: d.serviceId,
    deployments: d.deployments,
    weekly: d.weekly,
    leadTimeMedian: lt.get(d.serviceId)?.leadTimeMedian ?? null,
    changes: lt.get(d.serviceId)?.changes ?? 0,
    failures: cf.get(d.serviceId)?.failures ?? 0,
    finished: cf.get(d.serviceId)?.finished ?? 0,
    restoreMedian: tr.get(d.serviceId)?.restoreMedian ?? null,
    incidents: tr.get(d.serviceId)?.incidents ?? 0,
    unplanned: cf.get(d.serviceId)?.unplanned ?? 0,
    recovered: cf.get(d.serviceId)?.recovered ?? 0,
    recoveryMedian: cf.get(d.serviceId)?.recoveryMedian ?? null,
    unrecovered: cf.get(d.serviceId)?.unrecovered ?? 0,
  }))
}
