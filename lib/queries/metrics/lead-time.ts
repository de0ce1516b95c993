import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { bucketOf, groupByBucket, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { leadTimeStatsFromRollup } from '@/lib/queries/metrics/lead-time-rollup'
import { logger } from '@/lib/logger'

export type LeadTimeStats = {
  bucket: string | null
  count: number
  median: number | null
  p75: number | null
  p90: number | null
  mean: number | null
  negative: number
  untimed: number
}

// Changes whose first successful deployment to a scoped environment finished in the window, and how
// long after their commit (seconds). change_first_deployment carries the change's service, time and
// pull request, so this is an index-only scan per service and environment. OFFSET 0 keeps the
// subquery whole, so each span is computed once rather than once per aggregate that reads it.
const changesInWindow = (w: MetricWindow) => sql`
  SELECT f.deployed_at, f.service_id, f.pr_number, f.pr_merged_at, f.committed_at,
    date_part('epoch', f.deployed_at - f.committed_at) AS seconds
  FROM change_first_deployment f
  WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
    AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to}
  OFFSET 0`

export async function leadTimeStats(w: MetricWindow, client: Queryable = pool()): Promise<LeadTimeStats[]> {
  if (w.teamIds) {
    const fromRollup = await leadTimeStatsFromRollup(w, w.teamIds, client)
    if (fromRollup) return fromRollup
    logger.error({ teamIds: w.teamIds, environmentIds: w.environmentIds, from: w.from, to: w.to }, 'lead_time_rollup disagrees with change_first_deployment: reading every change instead')
  }
  return leadTimeStatsFromChanges(w, client)
}

// Every change of the window, sorted: any scope (a subset of a team's services too).
export async function leadTimeStatsFromChanges(w: MetricWindow, client: Queryable = pool()): Promise<LeadTimeStats[]> {
  const rows = await queryRows<Omit<LeadTimeStats, 'median' | 'p75' | 'p90'> & { percentiles: number[] | null }>(client, sql`
    WITH lt AS (${changesInWindow(w)})
    SELECT ${bucketOf(raw('deployed_at'), w)} AS bucket,
      count(*) FILTER (WHERE seconds >= 0)::int AS count,
      percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE seconds >= 0) AS percentiles,
      avg(seconds) FILTER (WHERE seconds >= 0) AS mean,
      count(*) FILTER (WHERE seconds < 0)::int AS negative,
      count(*) FILTER (WHERE seconds IS NULL)::int AS untimed
    FROM lt ${groupByBucket(w)}`)
  return rows.map(({ percentiles, ...r }) => ({ ...r, median: percentiles?.[0] ?? null, p75: percentiles?.[1] ?? null, p90: percentiles?.[2] ?? null }))
}

export type PullRequestLeadTime = { count: number; firstCommitMedian: number | null; mergedToDeployMedian: number | null }

// Per pull request with changes first deployed in the window: from the earliest commit time of those
// changes, and from the pull request's merge, to the first of their deployments.
export async function pullRequestLeadTime(w: MetricWindow, client: Queryable = pool()): Promise<PullRequestLeadTime> {
  const [row] = await queryRows<PullRequestLeadTime>(client, sql`
    WITH lt AS (${changesInWindow(w)}),
    spans AS (
      SELECT date_part('epoch', min(deployed_at) - min(committed_at)) AS first_commit,
        date_part('epoch', min(deployed_at) - max(pr_merged_at)) AS merged
      FROM lt WHERE pr_number IS NOT NULL GROUP BY service_id, pr_number
    )
    SELECT count(*)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY first_commit) FILTER (WHERE first_commit >= 0) AS "firstCommitMedian",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY merged) FILTER (WHERE merged >= 0) AS "mergedToDeployMedian"
    FROM spans`)
  return row ?? { count: 0, firstCommitMedian: null, mergedToDeployMedian: null }
}
