import sql, { join, raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { bucketOf, groupByBucket, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { firstDeployedWith, pullRequestFirstDeployedWith } from '@/lib/queries/metrics/lead-time'
import { STAGES, type StageRow } from '@/lib/metrics/lead-time-stages'
import { SIZE_BAND_STARTS, type SizeBandRow } from '@/lib/metrics/pull-request-size'


const epoch = (from: string, to: string) => raw(`date_part('epoch', ${to} - ${from})`)

// The spans of lib/metrics/lead-time-stages.ts stageSpans(), in SQL so the percentiles are computed where
// the rows are (lead-time-stages.integration.test.ts holds the two to the same answers): each pull
// request first deployed to a scoped environment in the window (pull_request_deployment: its earliest
// change's commit, its merge) with its own row (pull_request: first commit, ready, first review), and
// each change without a pull request first deployed there (deploy stage only).
const spansInWindow = (w: MetricWindow) => sql`
  SELECT p.deployed_at, true AS pr,
    CASE WHEN x.first_commit <= r.ready_at THEN ${epoch('x.first_commit', 'r.ready_at')} END AS coding,
    CASE WHEN r.ready_at IS NOT NULL AND r.first_review_at IS NOT NULL THEN greatest(0, ${epoch('r.ready_at', 'r.first_review_at')}) END AS pickup,
    CASE WHEN r.first_review_at IS NOT NULL AND x.merged IS NOT NULL THEN greatest(0, ${epoch('r.first_review_at', 'x.merged')}) END AS review,
    CASE WHEN x.merged <= p.deployed_at THEN ${epoch('x.merged', 'p.deployed_at')} END AS deploy
  FROM pull_request_deployment p
  LEFT JOIN pull_request r ON r.service_id = p.service_id AND r.number = p.pr_number
  CROSS JOIN LATERAL (SELECT LEAST(r.first_commit_at, p.first_committed_at) AS first_commit, COALESCE(r.merged_at, p.merged_at) AS merged) x
  WHERE p.service_id = ANY(${w.serviceIds}::int[]) AND p.environment_id = ANY(${w.environmentIds}::int[])
    AND p.deployed_at >= ${w.from} AND p.deployed_at < ${w.to} AND ${pullRequestFirstDeployedWith(w)}
  UNION ALL
  SELECT f.deployed_at, false, NULL, NULL, NULL, CASE WHEN f.committed_at <= f.deployed_at THEN ${epoch('f.committed_at', 'f.deployed_at')} END
  FROM change_first_deployment f
  WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
    AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to} AND f.pr_number IS NULL AND ${firstDeployedWith(w)}`

const stageColumns = STAGES.map((s) => raw(`percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY ${s}) AS ${s}_p, count(${s})::int AS ${s}_n`))

// Per bucket and the window's total (bucket null): median, p75, p90 and n of each stage, how many pull
// requests and how many changes without one.
export async function listLeadTimeStages(w: MetricWindow, client: Queryable = pool()): Promise<StageRow[]> {
  const rows = await queryRows<Record<string, unknown> & { bucket: string | null; pullRequests: number; withoutPullRequest: number }>(client, sql`
    WITH spans AS (${spansInWindow(w)} OFFSET 0)
    SELECT ${bucketOf(raw('deployed_at'), w)} AS bucket, count(*) FILTER (WHERE pr)::int AS "pullRequests",
      count(*) FILTER (WHERE NOT pr)::int AS "withoutPullRequest", ${join(stageColumns, ', ')}
    FROM spans ${groupByBucket(w)}`)
  return rows.map((r) => ({
    bucket: r.bucket, pullRequests: r.pullRequests, withoutPullRequest: r.withoutPullRequest,
    ...Object.fromEntries(STAGES.map((s) => [s, { n: r[`${s}_n`] as number, percentiles: r[`${s}_p`] as number[] | null }])),
  }) as StageRow)
}

// Lead time (first commit to first deployment) of the window's pull requests per size band
// (lib/metrics/pull-request-size.ts; band null: no size known), median, p75, p90 and n.
export async function listLeadTimeBySize(w: MetricWindow, client: Queryable = pool()): Promise<SizeBandRow[]> {
  return queryRows<SizeBandRow>(client, sql`
    WITH prs AS (
      SELECT CASE WHEN r.additions IS NOT NULL AND r.deletions IS NOT NULL
          THEN width_bucket(r.additions + r.deletions, ${[...SIZE_BAND_STARTS]}::int[]) END AS band,
        CASE WHEN x.first_commit <= p.deployed_at THEN ${epoch('x.first_commit', 'p.deployed_at')} END AS lead
      FROM pull_request_deployment p
      LEFT JOIN pull_request r ON r.service_id = p.service_id AND r.number = p.pr_number
      CROSS JOIN LATERAL (SELECT LEAST(r.first_commit_at, p.first_committed_at) AS first_commit) x
      WHERE p.service_id = ANY(${w.serviceIds}::int[]) AND p.environment_id = ANY(${w.environmentIds}::int[])
        AND p.deployed_at >= ${w.from} AND p.deployed_at < ${w.to} AND ${pullRequestFirstDeployedWith(w)}
    )
    SELECT band, count(lead)::int AS n, percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY lead) AS percentiles
    FROM prs GROUP BY 1`)
}
