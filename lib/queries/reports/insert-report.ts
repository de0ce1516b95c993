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

// Reports are written once (the table refuses updates and deletes).
export async function insertReport(meta: ReportMeta, content: Buffer, sha256: string, client: Queryable = pool()): Promise<StoredReport> {
  const [row] = await queryRows<StoredReport>(client, sql`
    INSERT INTO report (scope_kind, team, service, period_label, period_from, period_to, format, params, content, content_type, byte_size, sha256, source)
    VALUES (${meta.scopeKind}, ${meta.team}, ${meta.service}, ${meta.periodLabel}, ${meta.periodFrom}, ${meta.periodTo}, ${meta.format},
      ${JSON.stringify(meta.params)}::jsonb, ${content}, ${meta.contentType}, ${content.length}, ${sha256}, ${meta.source})
    RETURNING ${storedReportColumns}`)
  return row!
}
