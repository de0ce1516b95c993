import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { storedReportColumns, type StoredReport } from '@/lib/queries/reports/insert-report'

// The history on /reports, newest first (without the content).
export async function listReports(limit = 100, client: Queryable = pool()): Promise<StoredReport[]> {
  return queryRows<StoredReport>(client, sql`SELECT ${storedReportColumns} FROM report ORDER BY created_at DESC, id DESC LIMIT ${limit}`)
}

// The stored reports whose bytes hash to `sha256`: how a report handed on is verified.
export async function findReportsBySha256(sha256: string, client: Queryable = pool()): Promise<StoredReport[]> {
  return queryRows<StoredReport>(client, sql`SELECT ${storedReportColumns} FROM report WHERE sha256 = ${sha256.toLowerCase()} ORDER BY id`)
}

export async function getReportContent(id: number, client: Queryable = pool()): Promise<(StoredReport & { content: Buffer }) | null> {
  const [row] = await queryRows<StoredReport & { content: Buffer }>(client, sql`SELECT ${storedReportColumns}, content FROM report WHERE id = ${id}`)
  return row ?? null
}

// Whether a scheduled report for this scope and period exists already (the quarter-end job runs once).
export async function hasScheduledReport(scopeKind: string, team: string | null, periodFrom: Date, client: Queryable = pool()): Promise<boolean> {
  const rows = await queryRows(client, sql`
    SELECT 1 FROM report WHERE source = 'schedule' AND scope_kind = ${scopeKind} AND team IS NOT DISTINCT FROM ${team} AND period_from = ${periodFrom} LIMIT 1`)
  return rows.length > 0
}
