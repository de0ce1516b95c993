import sql, { raw, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { bucketOf, groupByBucket, strategyIn, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { histogramsPay, SPANS, spanStatsFromRollup } from '@/lib/queries/metrics/span-histograms'
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
// long after their commit (seconds). change_first_deployment carries the change's service and time,
// so this is an index-only scan per service and environment. OFFSET 0 keeps the subquery whole, so
// each span is computed once rather than once per aggregate that reads it. A strategy filter keeps
// the changes whose first deployment there had one of the strategies.
const changesInWindow = (w: MetricWindow) => sql`
  SELECT f.deployed_at, date_part('epoch', f.deployed_at - f.committed_at) AS seconds
  FROM change_first_deployment f
  WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
    AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to} AND ${firstDeployedWith(w)}
  OFFSET 0`

// The change's first deployment (f.deployment_id) had one of the window's strategies.
export function firstDeployedWith(w: MetricWindow): Sql {
  return w.strategies ? sql`EXISTS (SELECT 1 FROM deployment fd WHERE fd.id = f.deployment_id AND ${strategyIn(sql`fd.strategy`, w)})` : sql`true`
}

export async function leadTimeStats(w: MetricWindow, client: Queryable = pool()): Promise<LeadTimeStats[]> {
  if (!w.strategies && histogramsPay(w)) {
    const fromRollup = await leadTimeStatsFromRollup(w, client)
    if (fromRollup) return fromRollup
    logger.error(rollupMismatch(w), 'lead-time histograms disagree with change_first_deployment: reading every change instead')
  }
  return leadTimeStatsFromChanges(w, client)
}

const rollupMismatch = (w: MetricWindow) => ({ teamIds: w.teamIds, serviceIds: w.serviceIds, environmentIds: w.environmentIds, from: w.from, to: w.to })

// The scope's changes from the histograms (lib/queries/metrics/span-histograms.ts).
export async function leadTimeStatsFromRollup(w: MetricWindow, client: Queryable = pool()): Promise<LeadTimeStats[] | null> {
  const stats = await spanStatsFromRollup(SPANS.change, w, [0.5, 0.75, 0.9], client)
  return stats && stats.map(({ percentiles: [median, p75, p90], ...s }) => ({ ...s, median: median ?? null, p75: p75 ?? null, p90: p90 ?? null }))
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

export type PullRequestLeadTime = {
  count: number
  firstCommitMedian: number | null
  // the split of a pull request's lead time: its earliest commit to its merge, its merge to the deployment
  firstCommitToMergeMedian: number | null
  mergedToDeployMedian: number | null
}

// Pull requests first deployed (to a scoped environment) in the window: from their earliest commit and
// from their merge to that deployment (pull_request_deployment, kept from change_first_deployment).
export async function pullRequestLeadTime(w: MetricWindow, client: Queryable = pool()): Promise<PullRequestLeadTime> {
  const totals = { ...w, totalsOnly: true }
  if (!w.strategies && histogramsPay(totals)) {
    const [first, merged, review] = await Promise.all([
      spanStatsFromRollup(SPANS.pullRequestFirstCommit, totals, [0.5], client),
      spanStatsFromRollup(SPANS.pullRequestMerge, totals, [0.5], client),
      // no histogram keeps this span: the covering index on (service, environment, deployed_at, first commit, merge) answers it
      queryRows<{ median: number | null }>(client, sql`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FILTER (WHERE s >= 0) AS median
        FROM (SELECT date_part('epoch', merged_at - first_committed_at) AS s FROM pull_request_deployment p
          WHERE service_id = ANY(${w.serviceIds}::int[]) AND environment_id = ANY(${w.environmentIds}::int[])
            AND deployed_at >= ${w.from} AND deployed_at < ${w.to}) spans`),
    ])
    if (first && merged) {
      const [f] = first
      return {
        count: f!.count + f!.negative + f!.untimed, firstCommitMedian: f!.percentiles[0] ?? null,
        firstCommitToMergeMedian: review[0]?.median ?? null, mergedToDeployMedian: merged[0]!.percentiles[0] ?? null,
      }
    }
    logger.error(rollupMismatch(w), 'lead-time histograms disagree with pull_request_deployment: reading every pull request instead')
  }
  return pullRequestLeadTimeFromRows(w, client)
}

// A pull request's first deployment: the first deployment of its changes there, at deployed_at.
export function pullRequestFirstDeployedWith(w: MetricWindow): Sql {
  return w.strategies ? sql`EXISTS (
    SELECT 1 FROM change_first_deployment f JOIN deployment fd ON fd.id = f.deployment_id
    WHERE f.service_id = p.service_id AND f.environment_id = p.environment_id AND f.pr_number = p.pr_number
      AND f.deployed_at = p.deployed_at AND ${strategyIn(sql`fd.strategy`, w)})` : sql`true`
}

export async function pullRequestLeadTimeFromRows(w: MetricWindow, client: Queryable = pool()): Promise<PullRequestLeadTime> {
  const [row] = await queryRows<PullRequestLeadTime>(client, sql`
    WITH spans AS (
      SELECT date_part('epoch', deployed_at - first_committed_at) AS first_commit, date_part('epoch', deployed_at - merged_at) AS merged,
        date_part('epoch', merged_at - first_committed_at) AS review
      FROM pull_request_deployment p
      WHERE service_id = ANY(${w.serviceIds}::int[]) AND environment_id = ANY(${w.environmentIds}::int[])
        AND deployed_at >= ${w.from} AND deployed_at < ${w.to} AND ${pullRequestFirstDeployedWith(w)}
      OFFSET 0
    )
    SELECT count(*)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY first_commit) FILTER (WHERE first_commit >= 0) AS "firstCommitMedian",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY review) FILTER (WHERE review >= 0) AS "firstCommitToMergeMedian",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY merged) FILTER (WHERE merged >= 0) AS "mergedToDeployMedian"
    FROM spans`)
  return row ?? { count: 0, firstCommitMedian: null, firstCommitToMergeMedian: null, mergedToDeployMedian: null }
}
