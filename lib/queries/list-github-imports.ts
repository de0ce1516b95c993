import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type GithubImport = {
  connection: string; fullName: string; done: number; total: number; rate: number | null; rateRemaining: number | null
  startedAt: Date; finishedAt: Date | null; updatedAt: Date
}

// Repository imports (running or last run), most recently started first: the settings page's progress
// bars, the latest 50 per connection (an organisation's import would otherwise crowd out the others), of
// the connections of the teams the reader may read.
export async function listGithubImports(readable: ReadableTeams, client: Queryable = pool()): Promise<GithubImport[]> {
  return queryRows<GithubImport>(client, sql`
    SELECT connection, "fullName", done, total, rate, "rateRemaining", "startedAt", "finishedAt", "updatedAt" FROM (
      SELECT c.name AS connection, b.full_name AS "fullName", b.progress_done AS done, b.progress_total AS total,
        b.progress_rate AS rate, b.rate_remaining AS "rateRemaining", b.started_at AS "startedAt", b.finished_at AS "finishedAt", b.updated_at AS "updatedAt",
        row_number() OVER (PARTITION BY b.connection_id ORDER BY b.started_at DESC, b.full_name) AS n
      FROM github_backfill b JOIN github_connection c ON c.id = b.connection_id
      WHERE b.started_at IS NOT NULL AND ${readableTeamsSql(sql`c.team_id`, readable)}) i
    WHERE n <= 50 ORDER BY "startedAt" DESC, connection, "fullName"`)
}
