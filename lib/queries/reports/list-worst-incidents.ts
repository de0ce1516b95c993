import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { countsForTtr } from '@/lib/queries/metrics/scope-sql'

export type WorstIncident = {
  id: number
  service: string
  title: string
  severity: string | null
  openedAt: Date
  resolvedAt: Date | null
  outage: boolean
  // resolved - opened, or (for one still open) the window's end - opened
  durationSeconds: number
  reason: 'longest restore' | 'biggest outage'
}

type Scope = { serviceIds: number[]; environmentIds: number[]; from: Date; to: Date }

// The incidents a reader asks about first: the longest restores among those resolved in the window (the
// time-to-restore population, the service's restore severities), and the longest outages that overlap it, longest first, each listed once.
export async function listWorstIncidents(w: Scope, limit = 5, client: Queryable = pool()): Promise<WorstIncident[]> {
  return queryRows<WorstIncident>(client, sql`
    WITH scoped AS (
      SELECT i.id, s.slug AS service, i.title, i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt",
        i.is_outage AS outage, extract(epoch FROM coalesce(i.resolved_at, ${w.to}::timestamptz) - i.opened_at)::float8 AS "durationSeconds",
        (i.resolved_at >= ${w.from} AND i.resolved_at < ${w.to} AND ${countsForTtr}) AS restored_in_window
      FROM incident i JOIN service s ON s.id = i.service_id
      WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY(${w.environmentIds}::int[]))
        AND i.opened_at < ${w.to} AND (i.resolved_at IS NULL OR i.resolved_at >= ${w.from})
    ),
    picked AS (
      (SELECT *, 'longest restore' AS reason FROM scoped WHERE restored_in_window ORDER BY "durationSeconds" DESC, id LIMIT ${limit})
      UNION ALL
      (SELECT *, 'biggest outage' AS reason FROM scoped WHERE outage ORDER BY "durationSeconds" DESC, id LIMIT ${limit})
    )
    -- listed once; an outage is named as such
    SELECT DISTINCT ON (id) id, service, title, severity, "openedAt", "resolvedAt", outage, "durationSeconds", reason
    FROM picked ORDER BY id, reason`).then((rows) => rows.sort((a, b) => b.durationSeconds - a.durationSeconds || a.id - b.id))
}
