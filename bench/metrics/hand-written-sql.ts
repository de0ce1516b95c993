// "The single hand-written SQL query per metric": the straightforward query one would write by hand
// for each metric of GET /api/v1/metrics, for a set of services, the production environments and a
// window [from, to). The yardstick the API's timings are compared with (bench/metrics/run.ts).
// Parameters: $1 service ids, $2 environment ids, $3 from, $4 to, $5 IANA zone.
import type pg from 'pg'
import { latencyStats } from '../shared/app-server'

export type Scope = { label: string; serviceIds: number[]; environmentIds: number[]; from: Date; to: Date; tz: string }

export const HAND_WRITTEN: { metric: string; sql: string }[] = [
  {
    metric: 'deploymentFrequency',
    // successful production deployments per week and in all (the ROLLUP row)
    sql: `
      SELECT date_trunc('week', d.finished_at AT TIME ZONE $5)::date AS week, count(*)::int AS deployments
      FROM deployment d
      WHERE d.service_id = ANY($1::int[]) AND d.environment_id = ANY($2::int[]) AND d.status = 'success'
        AND d.finished_at >= $3 AND d.finished_at < $4
      GROUP BY ROLLUP (1) ORDER BY 1 NULLS LAST`,
  },
  {
    metric: 'leadTime',
    // commit to first successful production deployment, for the changes first deployed in the window
    sql: `
      SELECT count(*)::int AS changes,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.deployed_at - c.committed_at)) AS median_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM f.deployed_at - c.committed_at)) AS p90_s
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id
      WHERE f.environment_id = ANY($2::int[]) AND c.service_id = ANY($1::int[])
        AND f.deployed_at >= $3 AND f.deployed_at < $4`,
  },
  {
    metric: 'changeFailureRate',
    // finished production deployments that failed, were rolled back (the next one is flagged rollback),
    // that an incident names as its cause, or that were the last success within 72 h before an incident
    // naming no cause (the app also detects rollbacks by version; this query does not)
    sql: `
      SELECT count(*)::int AS deployments,
        count(*) FILTER (WHERE d.status = 'failure'
          OR (SELECT n.is_rollback FROM deployment n WHERE n.service_id = d.service_id AND n.environment_id = d.environment_id
            AND n.status IN ('success', 'failure') AND n.finished_at > d.finished_at ORDER BY n.finished_at LIMIT 1)
          OR EXISTS (SELECT 1 FROM incident i WHERE i.cause_deployment_id = d.id)
          OR (d.status = 'success' AND EXISTS (
            SELECT 1 FROM incident i
            WHERE i.service_id = d.service_id AND i.cause_deployment_id IS NULL
              AND (i.environment_id IS NULL OR i.environment_id = d.environment_id)
              AND i.opened_at >= d.finished_at AND i.opened_at <= d.finished_at + interval '72 hours'
              AND NOT EXISTS (SELECT 1 FROM deployment n WHERE n.service_id = d.service_id
                AND n.environment_id = d.environment_id AND n.status = 'success'
                AND n.finished_at > d.finished_at AND n.finished_at <= i.opened_at))))::int AS failures
      FROM deployment d
      WHERE d.service_id = ANY($1::int[]) AND d.environment_id = ANY($2::int[]) AND d.status IN ('success', 'failure')
        AND d.finished_at >= $3 AND d.finished_at < $4`,
  },
  {
    metric: 'timeToRestore',
    // incidents resolved in the window: opened to resolved
    sql: `
      SELECT count(*)::int AS incidents,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.opened_at)) AS median_s,
        avg(extract(epoch FROM i.resolved_at - i.opened_at))::float8 AS mean_s
      FROM incident i
      WHERE i.service_id = ANY($1::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY($2::int[]))
        AND i.resolved_at >= $3 AND i.resolved_at < $4`,
  },
  {
    metric: 'failedDeploymentRecoveryTime',
    // failed production deployments of the window: until the next success of the service and environment
    sql: `
      SELECT count(*)::int AS failed, count(n.finished_at)::int AS recovered,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.finished_at - d.finished_at)) AS median_s
      FROM deployment d
      CROSS JOIN LATERAL (SELECT min(n.finished_at) AS finished_at FROM deployment n
        WHERE n.service_id = d.service_id AND n.environment_id = d.environment_id AND n.status = 'success'
          AND n.finished_at > d.finished_at) n
      WHERE d.service_id = ANY($1::int[]) AND d.environment_id = ANY($2::int[]) AND d.status = 'failure'
        AND d.finished_at >= $3 AND d.finished_at < $4`,
  },
  {
    metric: 'reworkRate',
    // unplanned production deployments (rollbacks, hotfixes, incident fixes) among the finished ones
    sql: `
      SELECT count(*)::int AS deployments, count(*) FILTER (WHERE d.is_rollback OR d.is_hotfix
        OR EXISTS (SELECT 1 FROM incident i WHERE i.fix_deployment_id = d.id))::int AS unplanned
      FROM deployment d
      WHERE d.service_id = ANY($1::int[]) AND d.environment_id = ANY($2::int[]) AND d.status IN ('success', 'failure')
        AND d.finished_at >= $3 AND d.finished_at < $4`,
  },
  {
    metric: 'availability',
    // per service: the union of outage incidents clipped to the window (overlaps counted once)
    sql: `
      SELECT s.id AS service_id, coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0)::float8 AS down_s,
        (1 - coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) / extract(epoch FROM $4::timestamptz - $3::timestamptz))::float8 AS availability
      FROM unnest($1::int[]) AS s(id)
      LEFT JOIN LATERAL (
        SELECT unnest(range_agg(tstzrange(greatest(i.opened_at, $3), least(coalesce(i.resolved_at, $4), $4)))) AS r
        FROM incident i
        WHERE i.service_id = s.id AND i.is_outage AND (i.environment_id IS NULL OR i.environment_id = ANY($2::int[]))
          AND i.opened_at < $4 AND (i.resolved_at IS NULL OR i.resolved_at > $3)
      ) x ON true
      GROUP BY s.id ORDER BY s.id`,
  },
]

// only as many values as the query has placeholders (PostgreSQL refuses extra ones)
const params = (s: Scope, sql: string) =>
  [s.serviceIds, s.environmentIds, s.from.toISOString(), s.to.toISOString(), s.tz].slice(0, Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))))

export type SqlTiming = { metric: string; ms: number[] }

/**
 * Warm-up rounds, then `iterations` rounds of every query one after another on one connection
 * (unnamed statements, planned with the parameters each time, as the app's are): per query and per
 * round (the sum, what one request for all metrics would cost done this way).
 */
export async function timeHandWritten(client: pg.ClientBase, scope: Scope, iterations: number, warmup: number) {
  const per = new Map<string, number[]>(HAND_WRITTEN.map((q) => [q.metric, []]))
  const rounds: number[] = []
  const firstRows = new Map<string, unknown[]>()
  for (let i = -warmup; i < iterations; i++) {
    let round = 0
    for (const q of HAND_WRITTEN) {
      const t = performance.now()
      const res = await client.query(q.sql, params(scope, q.sql))
      const ms = performance.now() - t
      round += ms
      if (i >= 0) per.get(q.metric)!.push(ms)
      if (!firstRows.has(q.metric)) firstRows.set(q.metric, res.rows)
    }
    if (i >= 0) rounds.push(round)
  }
  return { perQuery: [...per].map(([metric, ms]) => ({ metric, ...latencyStats(ms) })), allSequential: latencyStats(rounds), firstRows }
}

/** The same queries all at once on a pool (one connection each), `iterations` times: the parallel lower bound. */
export async function timeHandWrittenConcurrent(pool: pg.Pool, scope: Scope, iterations: number, warmup: number) {
  const rounds: number[] = []
  for (let i = -warmup; i < iterations; i++) {
    const t = performance.now()
    await Promise.all(HAND_WRITTEN.map((q) => pool.query(q.sql, params(scope, q.sql))))
    if (i >= 0) rounds.push(performance.now() - t)
  }
  return latencyStats(rounds)
}

export async function explainHandWritten(client: pg.ClientBase, scope: Scope): Promise<{ metric: string; plan: string }[]> {
  const out: { metric: string; plan: string }[] = []
  for (const q of HAND_WRITTEN) {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, params(scope, q.sql))
    out.push({ metric: q.metric, plan: rows.map((r) => r['QUERY PLAN']).join('\n') })
  }
  return out
}
