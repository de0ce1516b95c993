import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// serviceId null: the total over the services (remediation median over all of them, not a median of medians)
export type FindingCounts = { serviceId: number | null; openCritical: number; openHigh: number; remediated: number; remediationMedian: number | null }

// Critical and high vulnerability findings per service: open at the end of the window (seen before it,
// not fixed by then), and fixed inside it with their time to remediate (fixed - first seen).
export async function countFindings(serviceIds: number[], from: Date, to: Date, client: Queryable = pool()): Promise<FindingCounts[]> {
  return queryRows<FindingCounts>(client, sql`
    SELECT service_id AS "serviceId",
      count(*) FILTER (WHERE severity = 'critical' AND first_seen_at < ${to} AND (fixed_at IS NULL OR fixed_at >= ${to}))::int AS "openCritical",
      count(*) FILTER (WHERE severity = 'high' AND first_seen_at < ${to} AND (fixed_at IS NULL OR fixed_at >= ${to}))::int AS "openHigh",
      count(*) FILTER (WHERE fixed_at >= ${from} AND fixed_at < ${to})::int AS remediated,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fixed_at - first_seen_at))
        FILTER (WHERE fixed_at >= ${from} AND fixed_at < ${to}) AS "remediationMedian"
    FROM vulnerability_finding
    WHERE service_id = ANY(${serviceIds}::int[]) AND severity IN ('critical', 'high')
    GROUP BY GROUPING SETS ((service_id), ())`)
}
