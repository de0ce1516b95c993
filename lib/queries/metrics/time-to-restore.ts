import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { bucketOf, countsForTtr, groupByBucket, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

export type RestoreStats = { bucket: string | null; count: number; mean: number | null; median: number | null; p90: number | null }

// Incidents of the scope (any environment in scope, or none recorded) by their resolution time.
export const scopedIncidents = (w: MetricWindow) => sql`
  i.service_id = ANY(${w.serviceIds}::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY(${w.environmentIds}::int[]))`

export async function restoreStats(w: MetricWindow, client: Queryable = pool()): Promise<RestoreStats[]> {
  return queryRows<RestoreStats>(client, sql`
    WITH spans AS (
      SELECT i.resolved_at, extract(epoch FROM i.resolved_at - i.opened_at)::float8 AS seconds
      FROM incident i JOIN service s ON s.id = i.service_id
      WHERE ${scopedIncidents(w)} AND i.resolved_at >= ${w.from} AND i.resolved_at < ${w.to} AND ${countsForTtr}
    )
    SELECT ${bucketOf(raw('resolved_at'), w)} AS bucket, count(*)::int AS count, avg(seconds) AS mean,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
    FROM spans ${groupByBucket(w)}`)
}

export type OpenIncident = { id: number; externalId: string; service: string; title: string; openedAt: Date; ageSeconds: number }

// Incidents still open at the end of the window (or now, if that is earlier), oldest first.
export async function listOpenIncidents(w: MetricWindow, now: Date, limit = 20, client: Queryable = pool()) {
  const asOf = new Date(Math.min(now.getTime(), w.to.getTime()))
  const rows = await queryRows<OpenIncident & { total: number }>(client, sql`
    SELECT i.id, i.external_id AS "externalId", s.slug AS service, i.title, i.opened_at AS "openedAt",
      extract(epoch FROM ${asOf}::timestamptz - i.opened_at)::float8 AS "ageSeconds", count(*) OVER ()::int AS total
    FROM incident i JOIN service s ON s.id = i.service_id
    WHERE ${scopedIncidents(w)} AND i.opened_at < ${asOf} AND (i.resolved_at IS NULL OR i.resolved_at >= ${asOf})
    ORDER BY i.opened_at, i.id LIMIT ${limit}`)
  return { total: rows[0]?.total ?? 0, incidents: rows.map(({ total: _total, ...r }) => r) }
}

export type OutageInterval = { serviceId: number; start: Date; end: Date | null }

// Outage incidents overlapping the window, per service: availability's downtime. A probe's own outage
// incidents are left out: they span first failing to first passing sample, inside the probe-down interval's
// samples, which listProbeDowntime tells at the midpoints (a probe incident would stretch it by half a gap).
export async function listOutages(w: MetricWindow, client: Queryable = pool()): Promise<OutageInterval[]> {
  return queryRows<OutageInterval>(client, sql`
    SELECT i.service_id AS "serviceId", i.opened_at AS start, i.resolved_at AS "end"
    FROM incident i WHERE ${scopedIncidents(w)} AND i.is_outage AND i.source <> 'probe'
      AND i.opened_at < ${w.to} AND (i.resolved_at IS NULL OR i.resolved_at > ${w.from})`)
}
