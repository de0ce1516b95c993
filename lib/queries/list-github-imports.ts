import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type GithubImport = {
  connection: string; fullName: string; done: number; total: number; rate: number | null; rateRemaining: number | null
  startedAt: Date; finishedAt: Date | null; updatedAt: Date
}

// Repository imports (running or last run), most recently started first: the settings page's progress bars.
export async function listGithubImports(client: Queryable = pool()): Promise<GithubImport[]> {
  return queryRows<GithubImport>(client, sql`
    SELECT c.name AS connection, b.full_name AS "fullName", b.progress_done AS done, b.progress_total AS total,
      b.progress_rate AS rate, b.rate_remaining AS "rateRemaining", b.started_at AS "startedAt", b.finished_at AS "finishedAt", b.updated_at AS "updatedAt"
    FROM github_backfill b JOIN github_connection c ON c.id = b.connection_id
    WHERE b.started_at IS NOT NULL ORDER BY b.started_at DESC, c.name, b.full_name LIMIT 50`)
}
