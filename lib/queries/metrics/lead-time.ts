import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { bucketOf, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

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

// Changes whose first successful deployment to a scoped environment finished in the window, and
// how long after their commit (seconds). Negative spans and changes without times are counted apart.
const changesInWindow = (w: MetricWindow) => sql`
  SELECT f.deployed_at, c.service_id, c.pr_number, c.pr_merged_at,
    extract(epoch FROM f.deployed_at - coalesce(c.committed_at, c.authored_at))::float8 AS seconds,
    coalesce(c.committed_at, c.authored_at) AS committed_at
  FROM change_first_deployment f JOIN change c ON c.id = f.change_id
  WHERE f.environment_id = ANY(${w.environmentIds}::int[]) AND c.service_id = ANY(${w.serviceIds}::int[])
    AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to}`

export async function leadTimeStats(w: MetricWindow, client: Queryable = pool()): Promise<LeadTimeStats[]> {
  return queryRows<LeadTimeStats>(client, sql`
    WITH lt AS (${changesInWindow(w)})
    SELECT ${bucketOf(raw('deployed_at'), w)} AS bucket,
      count(*) FILTER (WHERE seconds >= 0)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE seconds >= 0) AS median,
      percentile_cont(0.75) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE seconds >= 0) AS p75,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE seconds >= 0) AS p90,
      avg(seconds) FILTER (WHERE seconds >= 0) AS mean,
      count(*) FILTER (WHERE seconds < 0)::int AS negative,
      count(*) FILTER (WHERE seconds IS NULL)::int AS untimed
    FROM lt GROUP BY ROLLUP (1)`)
}

export type PullRequestLeadTime = { count: number; firstCommitMedian: number | null; mergedToDeployMedian: number | null }

// Per pull request: from its first commit, and from its merge, to the first deployment of any of its changes.
export async function pullRequestLeadTime(w: MetricWindow, client: Queryable = pool()): Promise<PullRequestLeadTime> {
  const [row] = await queryRows<PullRequestLeadTime>(client, sql`
    WITH lt AS (${changesInWindow(w)}),
    prs AS (
      SELECT service_id, pr_number, min(deployed_at) AS deployed_at, max(pr_merged_at) AS merged_at
      FROM lt WHERE pr_number IS NOT NULL GROUP BY 1, 2
    ),
    spans AS (
      SELECT extract(epoch FROM p.deployed_at - first.committed_at)::float8 AS first_commit,
        extract(epoch FROM p.deployed_at - p.merged_at)::float8 AS merged
      FROM prs p CROSS JOIN LATERAL (
        SELECT min(coalesce(c.committed_at, c.authored_at)) AS committed_at FROM change c
        WHERE c.service_id = p.service_id AND c.pr_number = p.pr_number) first
    )
    SELECT count(*)::int AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY first_commit) FILTER (WHERE first_commit >= 0) AS "firstCommitMedian",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY merged) FILTER (WHERE merged >= 0) AS "mergedToDeployMedian"
    FROM spans`)
  return row ?? { count: 0, firstCommitMedian: null, mergedToDeployMedian: null }
}
