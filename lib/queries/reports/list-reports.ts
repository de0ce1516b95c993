import sql, { type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { storedReportColumns, type StoredReport } from '@/lib/queries/reports/insert-report'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

// Reports a reader may open: all, or those of a readable team (a service's report names its team).
// An organisation's report holds every team's numbers, so team-only readers get none.
function readableReport(readable: ReadableTeams): Sql {
  if (readable === 'all') return sql`true`
  return sql`scope_kind <> 'org' AND EXISTS (SELECT 1 FROM team t WHERE t.slug = report.team AND ${readableTeamsSql(sql`t.id`, readable)})`
}

// The history on /reports, newest first (without the content).
export async function listReports(readable: ReadableTeams, limit = 100, client: Queryable = pool()): Promise<StoredReport[]> {
  return queryRows<StoredReport>(client, sql`SELECT ${storedReportColumns} FROM report WHERE ${readableReport(readable)} ORDER BY created_at DESC, id DESC LIMIT ${limit}`)
}

// The stored reports whose bytes hash to `sha256`: how a report handed on is verified.
export async function findReportsBySha256(sha256: string, readable: ReadableTeams, client: Queryable = pool()): Promise<StoredReport[]> {
  return queryRows<StoredReport>(client, sql`SELECT ${storedReportColumns} FROM report WHERE sha256 = ${sha256.toLowerCase()} AND ${readableReport(readable)} ORDER BY id`)
}

export async function getReportContent(id: number, readable: ReadableTeams, client: Queryable = pool()): Promise<(StoredReport & { content: Buffer }) | null> {
  const [row] = await queryRows<StoredReport & { content: Buffer }>(client, sql`SELECT ${storedReportColumns}, content FROM report WHERE id = ${id} AND ${readableReport(readable)}`)
  return row ?? null
}

// Whether a scheduled report for this scope and period exists already (the quarter-end job runs once).
export async function findScheduledReportId(scopeKind: string, team: string | null, periodFrom: Date, client: Queryable = pool()): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(client, sql`
    SELECT id FROM report
    WHERE source = 'schedule' AND scope_kind = ${scopeKind} AND team IS NOT DISTINCT FROM ${team} AND period_from = ${periodFrom}
    ORDER BY id LIMIT 1`)
  return rows[0]?.id ?? null
}
