import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'

// The commits a deployment of `sha` carried, as far as pushes told us: the service's changes committed
// no later than `sha` that no successful deployment brought to this environment yet (trunk-based
// history; the GitHub backfill compares consecutive deployment SHAs instead). At most `limit`, newest first.
// `sha`'s own time is looked up among `headServiceIds` (a monorepo's services: the deployed commit may
// have touched another service's paths only).
export async function listUndeployedChangesUpTo(
  client: Queryable, serviceId: number, environmentName: string, sha: string, headServiceIds: number[] = [serviceId], limit = 1000,
): Promise<string[]> {
  const rows = await queryRows<{ sha: string }>(client, sql`
    WITH head AS (SELECT max(coalesce(committed_at, authored_at)) AS at FROM change WHERE service_id = ANY(${headServiceIds}::int[]) AND sha = ${sha})
    SELECT c.sha FROM change c, head
    WHERE c.service_id = ${serviceId} AND coalesce(c.committed_at, c.authored_at) <= head.at
      AND NOT EXISTS (
        SELECT 1 FROM change_first_deployment f JOIN environment e ON e.id = f.environment_id
        WHERE f.change_id = c.id AND e.name = ${environmentName})
    ORDER BY coalesce(c.committed_at, c.authored_at) DESC LIMIT ${limit}`)
  return rows.map((r) => r.sha)
}
