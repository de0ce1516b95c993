import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type ReportMeta = {
  scopeKind: 'org' | 'team' | 'service'
  team: string | null
  service: string | null
  periodLabel: string
  periodFrom: Date
  periodTo: Date
  format: 'pdf' | 'csv' | 'json'
  params: Record<string, unknown>
  contentType: string
  source: 'api' | 'dashboard' | 'schedule'
}

export type StoredReport = Omit<ReportMeta, 'params'> & { id: number; byteSize: number; sha256: string; createdAt: Date }

export const storedReportColumns = sql`id, scope_kind AS "scopeKind", team, service, period_label AS "periodLabel", period_from AS "periodFrom",
  period_to AS "periodTo", format, content_type AS "contentType", byte_size AS "byteSize", sha256, source, created_at AS "createdAt"`

// Reports are written once (the table refuses updates and deletes), and the same bytes of the same
// report only once: a rebuild that changes nothing returns the stored row instead of adding a copy.
export async function insertReport(meta: ReportMeta, content: Buffer, sha256: string, client: Queryable = pool()): Promise<StoredReport> {
  const params = JSON.stringify(meta.params)
  const same = sql`sha256 = ${sha256} AND format = ${meta.format} AND scope_kind = ${meta.scopeKind} AND team IS NOT DISTINCT FROM ${meta.team}
    AND service IS NOT DISTINCT FROM ${meta.service} AND params = ${params}::jsonb`
  const [row] = await queryRows<StoredReport>(client, sql`
    INSERT INTO report (scope_kind, team, service, period_label, period_from, period_to, format, params, content, content_type, byte_size, sha256, source)
    SELECT ${meta.scopeKind}, ${meta.team}, ${meta.service}, ${meta.periodLabel}, ${meta.periodFrom}::timestamptz, ${meta.periodTo}::timestamptz, ${meta.format},
      ${params}::jsonb, ${content}, ${meta.contentType}, ${content.length}::int, ${sha256}, ${meta.source}
    WHERE NOT EXISTS (SELECT 1 FROM report WHERE ${same})
    RETURNING ${storedReportColumns}`)
  if (row) return row
  const [stored] = await queryRows<StoredReport>(client, sql`SELECT ${storedReportColumns} FROM report WHERE ${same} ORDER BY id LIMIT 1`)
  return stored!
}
