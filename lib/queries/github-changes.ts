import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'

// Which of these commits a service already has as changes (a monorepo service takes a pull request's
// merge commit only when a push or an import told it the commit is its own).
export async function listServiceShas(client: Queryable, serviceId: number, shas: string[]): Promise<Set<string>> {
  const rows = await queryRows<{ sha: string }>(client, sql`SELECT sha FROM change WHERE service_id = ${serviceId} AND sha = ANY(${shas}::text[])`)
  return new Set(rows.map((r) => r.sha))
}
