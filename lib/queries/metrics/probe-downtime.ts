import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { OutageInterval } from '@/lib/queries/metrics/time-to-restore'

// Probe-down intervals of the services overlapping [from, to): from a check's first failing sample to
// its next passing one (still open: end null). State changes alternate, so a down one is followed by up.
export async function listProbeDowntime(w: { serviceIds: number[]; from: Date; to: Date }, client: Queryable = pool()): Promise<OutageInterval[]> {
  return queryRows<OutageInterval>(client, sql`
    SELECT "serviceId", start, "end" FROM (
      SELECT c.service_id AS "serviceId", sc.up, sc.at AS start,
        lead(sc.at) OVER (PARTITION BY sc.check_id ORDER BY sc.at) AS "end"
      FROM probe_state_change sc JOIN probe_check c ON c.id = sc.check_id
      WHERE c.service_id = ANY(${w.serviceIds}::int[]) AND sc.at < ${w.to}
    ) changes
    WHERE NOT up AND ("end" IS NULL OR "end" > ${w.from})`)
}
