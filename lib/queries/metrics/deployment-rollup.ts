import sql, { empty } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { splitAtUtcDays } from '@/lib/metrics/lead-time-histogram'
import { windowRanges, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

export type DeploymentRollupCounts = {
  bucket: string | null
  success: number
  failure: number
  rolledBack: number
  // failed, rolled back or named as an incident's cause (deployment.change_failure)
  changeFailure: number
  causedIncident: number
  // hotfix, rollback or named as an incident's fix
  unplanned: number
  // UTC days with a success (the deployment days when the time zone is UTC)
  successDays: number
}

const COUNTS = ['success', 'failure', 'rolledBack', 'changeFailure', 'causedIncident', 'unplanned', 'successDays'] as const

// Finished successful or failed deployments of the scope's services per bucket and in all (bucket
// null): whole UTC days from deployment_rollup (whole teams) or deployment_service_rollup, the pieces
// of days at the buckets' edges (other time zones, windows not starting at midnight) counted from the
// deployments themselves.
export async function deploymentCountsFromRollup(w: MetricWindow, client: Queryable = pool()): Promise<DeploymentRollupCounts[]> {
  const ranges = windowRanges(w)
  const { days, spans } = splitAtUtcDays(ranges)
  const rangeOf = (key: string | null) => ranges.findIndex((r) => r.key === key)
  const rows = await queryRows<Omit<DeploymentRollupCounts, 'bucket'> & { range: number }>(client, sql`
    SELECT range, sum(success)::int AS success, sum(failure)::int AS failure, sum(rolled_back)::int AS "rolledBack",
      sum(change_failure)::int AS "changeFailure", sum(caused_incident)::int AS "causedIncident", sum(unplanned)::int AS unplanned,
      count(DISTINCT day) FILTER (WHERE day_success > 0)::int AS "successDays"
    FROM (
      SELECT d.range, d.day, sum(r.success) OVER (PARTITION BY d.range, d.day) AS day_success,
        r.success, r.failure, r.rolled_back, r.change_failure, r.caused_incident, r.unplanned
      FROM unnest(${days.map((d) => d.day)}::date[], ${days.map((d) => rangeOf(d.key))}::int[]) AS d(day, range)
      JOIN ${rollupRows(w)} AND r.environment_id = ANY(${w.environmentIds}::int[]) AND r.day = d.day
      ${spans.length ? sql`UNION ALL
      SELECT s.range, (f.finished_at AT TIME ZONE 'UTC')::date, (f.status = 'success')::int,
        (f.status = 'success')::int, (f.status = 'failure')::int, f.rolled_back::int, f.change_failure::int, f.caused_incident::int,
        (f.is_hotfix OR f.rolls_back OR f.fixed_incident)::int
      FROM unnest(${spans.map((s) => s.from)}::timestamptz[], ${spans.map((s) => s.to)}::timestamptz[], ${spans.map((s) => rangeOf(s.key))}::int[]) AS s(a, b, range)
      JOIN deployment f ON f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
        AND f.status IN ('success', 'failure') AND f.finished_at >= s.a AND f.finished_at < s.b` : empty}
    ) x
    GROUP BY range`)
  const perRange = rows.map(({ range, ...counts }) => ({ bucket: ranges[range]!.key, ...counts }))
  const total: DeploymentRollupCounts = { bucket: null, success: 0, failure: 0, rolledBack: 0, changeFailure: 0, causedIncident: 0, unplanned: 0, successDays: 0 }
  for (const r of perRange) for (const k of COUNTS) total[k] += r[k]
  return [...(w.totalsOnly ? [] : perRange.filter((r) => r.success + r.failure > 0)), total]
}

// Whole teams read their rows, other scopes their services'.
function rollupRows(w: MetricWindow) {
  return w.teamIds
    ? sql`deployment_rollup r ON r.team_id = ANY(${w.teamIds}::int[])`
    : sql`deployment_service_rollup r ON r.service_id = ANY(${w.serviceIds}::int[])`
}
