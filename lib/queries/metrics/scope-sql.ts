import sql, { empty, type Sql } from 'sql-template-tag'
import { listBuckets, type Granularity } from '@/lib/time/buckets'
import type { KeyedRange } from '@/lib/metrics/lead-time-histogram'

// What every metric query is filtered and bucketed by.
export type MetricWindow = {
  serviceIds: number[]
  environmentIds: number[]
  from: Date
  to: Date
  tz: string
  granularity: Granularity
  // only the window's totals (the previous window of a report has no series)
  totalsOnly?: boolean
  // set when serviceIds are exactly every service of these teams: the rollups are then read per team
  // (lead_time_rollup, deployment_rollup), else per service (fewer rows to sum for a whole team)
  teamIds?: number[]
  // only deployments of these strategies count (and the changes they first shipped); undefined: all.
  // The rollups and histograms hold no strategy, so a filtered window is read from the rows.
  strategies?: readonly string[]
}

// The filter on a deployment's strategy, for a WHERE clause (true without one).
export function strategyIn(column: Sql, w: Pick<MetricWindow, 'strategies'>): Sql {
  return w.strategies ? sql`${column} = ANY(${w.strategies}::"DeploymentStrategy"[])` : sql`true`
}

// The bucket a time falls in, as the local start date lib/time/buckets keys it by. The bucket bounds
// are computed once in TypeScript (DST-correct) and looked up with width_bucket: per row that is a
// binary search over the bounds instead of a time zone conversion and date_trunc.
export function bucketOf(column: Sql, w: MetricWindow): Sql {
  if (w.totalsOnly) return sql`NULL::text`
  const buckets = listBuckets(w.from, w.to, w.granularity, w.tz)
  return sql`(${buckets.map((b) => b.key)}::text[])[width_bucket(${column}, ${buckets.map((b) => b.start)}::timestamptz[])]`
}

// Per bucket and the total (bucket null); only the total when the window has no series.
export function groupByBucket(w: MetricWindow): Sql {
  return w.totalsOnly ? empty : sql`GROUP BY ROLLUP (1)`
}

// The window's buckets clipped to it (they partition it), or the window alone for totals only.
export function windowRanges(w: MetricWindow): KeyedRange[] {
  if (w.totalsOnly) return [{ key: null, from: w.from, to: w.to }]
  return listBuckets(w.from, w.to, w.granularity, w.tz).map((b) => ({
    key: b.key,
    from: new Date(Math.max(b.start.getTime(), w.from.getTime())),
    to: new Date(Math.min(b.end.getTime(), w.to.getTime())),
  }))
}

// Incident scoping (docs/metrics.md), on rows aliased i (incident) and s (its service): whether an incident
// counts for change failure rate (one of the service's CFR severities, or none recorded, and not marked "not
// caused by a change"), and for time to restore (one of its restore severities, or none recorded). The SQL
// functions are the migration's (20261207212000_incident_scoping), shared with the incident trigger.
export const countsForCfr = sql`incident_counts_for_cfr(i.not_caused_by_change, i.severity, s.cfr_severities)`
export const countsForTtr = sql`incident_counts_for_ttr(i.severity, s.ttr_severities)`
