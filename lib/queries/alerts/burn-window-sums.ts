import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'
import type { SloIndicator } from '@/lib/metrics/slo'

const burnServiceColumns = sql`s.id AS "serviceId", s.team_id AS "teamId", t.slug AS team, s.slug AS service, s.slo_target::float8 AS "sloTarget",
  s.slo_indicator AS "sloIndicator"`

export type BurnService = { serviceId: number; teamId: number; team: string; service: string; sloTarget: number; sloIndicator: SloIndicator | null }
export type BurnWindowSum = BurnService & { windowMs: number; good: number; total: number }

// Passing and all probe samples of each probed service over each window [at - length, at), from the
// per-minute rollups (minute i of an hour row starts at hour + (i - 1) min). Services without a sample in
// the longest window are absent (no data). serviceIds null: every service.
export async function listBurnWindowSums(client: Queryable, at: Date, windowsMs: readonly number[], serviceIds: number[] | null): Promise<BurnWindowSum[]> {
  const longest = Math.max(...windowsMs)
  const from = new Date(at.getTime() - longest)
  return queryRows<BurnWindowSum>(client, sql`
    WITH m AS (
      SELECT c.service_id, r.hour + (x.i - 1) * interval '1 minute' AS minute, x.ok, x.fail
      FROM probe_rollup r JOIN probe_check c ON c.id = r.check_id
      CROSS JOIN LATERAL unnest(r.ok, r.fail) WITH ORDINALITY AS x(ok, fail, i)
      WHERE r.hour >= date_trunc('hour', ${from}::timestamptz) AND r.hour < ${at}
        AND (${serviceIds}::int[] IS NULL OR c.service_id = ANY(${serviceIds}::int[]))
    )
    SELECT ${burnServiceColumns}, w.ms::float8 AS "windowMs", sum(m.ok)::float8 AS good, sum(m.ok + m.fail)::float8 AS total
    FROM m JOIN service s ON s.id = m.service_id JOIN team t ON t.id = s.team_id
    CROSS JOIN unnest(${windowsMs.map(String)}::bigint[]) AS w(ms)
    WHERE m.minute >= ${at}::timestamptz - w.ms * interval '1 millisecond' AND m.minute < ${at}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`)
}

// Services with request windows (issue 27) starting in [since, at): their burn rates may come from requests.
export async function listRequestBurnServices(client: Queryable, since: Date, at: Date, serviceIds: number[] | null): Promise<BurnService[]> {
  return queryRows<BurnService>(client, sql`
    SELECT ${burnServiceColumns} FROM service s JOIN team t ON t.id = s.team_id
    WHERE (${serviceIds}::int[] IS NULL OR s.id = ANY(${serviceIds}::int[]))
      AND EXISTS (SELECT 1 FROM request_window w WHERE w.service_id = s.id AND w.from_at >= ${since} AND w.from_at < ${at})`)
}
