import sql, { type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { countsForTtr, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { firstDeployedWith } from '@/lib/queries/metrics/lead-time'
import { scopedIncidents } from '@/lib/queries/metrics/time-to-restore'
import type { RollingWindow } from '@/lib/time/rolling-windows'

export type RollingDurationStats = { bucket: string; count: number; median: number | null; p90: number | null }

// Medians cannot be summed like the rolling counts: each day's trailing window is read again. One index
// range scan per day (windows overlap, so a change is read up to `span` times): fine for the 7 or 28 days and
// a range of up to a quarter the filter bar offers. Only for the rolling view; calendar buckets use the rollups.
function perWindow(windows: RollingWindow[], spans: Sql): Sql {
  return sql`
    SELECT r.key AS bucket, count(x.seconds)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.seconds) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY x.seconds) AS p90
    FROM unnest(${windows.map((w) => w.key)}::text[], ${windows.map((w) => w.from)}::timestamptz[], ${windows.map((w) => w.to)}::timestamptz[])
      AS r(key, from_at, to_at)
    LEFT JOIN LATERAL (${spans}) x ON x.seconds >= 0
    GROUP BY r.key`
}

// Lead time of the changes first deployed in each day's trailing window (lib/queries/metrics/lead-time.ts).
export function rollingLeadTime(w: MetricWindow, windows: RollingWindow[], client: Queryable = pool()): Promise<RollingDurationStats[]> {
  return queryRows<RollingDurationStats>(client, perWindow(windows, sql`
    SELECT date_part('epoch', f.deployed_at - f.committed_at) AS seconds FROM change_first_deployment f
    WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
      AND f.deployed_at >= r.from_at AND f.deployed_at < r.to_at AND ${firstDeployedWith(w)}`))
}

// Time to restore of the incidents resolved in each day's trailing window (lib/queries/metrics/time-to-restore.ts).
export function rollingRestore(w: MetricWindow, windows: RollingWindow[], client: Queryable = pool()): Promise<RollingDurationStats[]> {
  return queryRows<RollingDurationStats>(client, perWindow(windows, sql`
    SELECT extract(epoch FROM i.resolved_at - i.opened_at)::float8 AS seconds
    FROM incident i JOIN service s ON s.id = i.service_id
    WHERE ${scopedIncidents(w)} AND i.resolved_at >= r.from_at AND i.resolved_at < r.to_at AND ${countsForTtr}`))
}
