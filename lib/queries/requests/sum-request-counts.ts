import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type RequestSums = { serviceId: number; since: Date; good: number; total: number; windows: number }

// Good and total requests of each service from each of `starts` to `to`, counting a window in the span its start
// lies in (windows are whole minutes and cannot be split exactly). One row per service and start with any window.
// Sums are exact: bigint sums cast to float8 stay integers below 2^53, and inputs are bounded far below it.
export async function sumRequestCounts(serviceIds: number[], starts: Date[], to: Date, client: Queryable = pool()): Promise<RequestSums[]> {
  if (serviceIds.length === 0 || starts.length === 0) return []
  const earliest = new Date(Math.min(...starts.map((d) => d.getTime())))
  return queryRows<RequestSums>(client, sql`
    SELECT w.service_id AS "serviceId", s.since, sum(w.good)::float8 AS good, sum(w.total)::float8 AS total, count(*)::int AS windows
    FROM request_window w CROSS JOIN unnest(${starts.map((d) => d.toISOString())}::timestamptz[]) AS s(since)
    WHERE w.service_id = ANY(${serviceIds}::int[]) AND w.from_at >= ${earliest} AND w.from_at < ${to} AND w.from_at >= s.since
    GROUP BY 1, 2`)
}

// Which of these services have any request window: their SLO uses requests unless set to probes.
export async function listServicesWithRequests(serviceIds: number[], client: Queryable = pool()): Promise<Set<number>> {
  if (serviceIds.length === 0) return new Set()
  const rows = await queryRows<{ id: number }>(client, sql`
    SELECT s.id FROM unnest(${serviceIds}::int[]) AS s(id) WHERE EXISTS (SELECT 1 FROM request_window w WHERE w.service_id = s.id)`)
  return new Set(rows.map((r) => r.id))
}
