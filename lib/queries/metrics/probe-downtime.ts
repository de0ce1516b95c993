import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { probeDownInterval, type ProbeDownRun } from '@/lib/metrics/probe-downtime'
import type { OutageInterval } from '@/lib/queries/metrics/time-to-restore'

export type ProbeDownInterval = OutageInterval & { startErrorMs: number; endErrorMs: number }

// Probe-down intervals of the services overlapping [from, to), told at the midpoints between the samples
// around each flip (lib/metrics/probe-downtime.ts). State changes alternate, so a down one is followed by
// an up one (none yet: still down). A change stored before prev_at existed had its previous sample one
// interval earlier (the scheduler's fixed rate); a check's first change has no previous sample.
export async function listProbeDowntime(w: { serviceIds: number[]; from: Date; to: Date }, client: Queryable = pool()): Promise<ProbeDownInterval[]> {
  const rows = await queryRows<ProbeDownRun & { serviceId: number }>(client, sql`
    SELECT "serviceId", "lastUpAt", "firstDownAt", "lastDownAt", "firstUpAt" FROM (
      SELECT "serviceId", up, at AS "firstDownAt", prev AS "lastUpAt",
        lead(at) OVER checks AS "firstUpAt", lead(prev) OVER checks AS "lastDownAt"
      FROM (
        SELECT c.service_id AS "serviceId", sc.check_id, sc.up, sc.at, coalesce(sc.prev_at,
          CASE WHEN lag(sc.at) OVER (PARTITION BY sc.check_id ORDER BY sc.at) IS NOT NULL THEN sc.at - make_interval(secs => c.interval_seconds) END) AS prev
        FROM probe_state_change sc JOIN probe_check c ON c.id = sc.check_id
        WHERE c.service_id = ANY(${w.serviceIds}::int[]) AND sc.at < ${w.to}::timestamptz + make_interval(secs => c.interval_seconds)
      ) stored
      WINDOW checks AS (PARTITION BY check_id ORDER BY at)
    ) changes
    WHERE NOT up AND ("firstUpAt" IS NULL OR "firstUpAt" > ${w.from})`)
  return rows.map((r) => {
    const i = probeDownInterval(r)
    return { serviceId: r.serviceId, start: new Date(i.start), end: i.end === null ? null : new Date(i.end), startErrorMs: i.startErrorMs, endErrorMs: i.endErrorMs }
  })
}
