import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { afterKeyset } from '@/lib/queries/list-deployments'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type RecentDeployment = {
  id: number; service: string; environment: string; externalId: string; status: string; strategy: string
  version: string | null; startedAt: Date | null; finishedAt: Date | null; durationSeconds: number | null
  // rollback: it rolls back (flagged, or redeploys an earlier version); rolledBack: the next deployment rolled it back
  rollback: boolean; rolledBack: boolean; hotfix: boolean; url: string | null
}

export type RecentDeploymentFilter = {
  serviceIds: number[] | null; readable: ReadableTeams; environment?: string; status?: string; strategy?: string
  // finished in [from, to); either set leaves out deployments still in progress
  from?: Date; to?: Date
  after?: { finishedAt: Date | null; id: number }
  limit: number
}

// The latest deployments of some services (all services: serviceIds null) of the readable teams, in progress
// first, then newest finished; `after` pages on (keyset, the order of GET /api/v1/deployments).
export async function listRecentDeployments(
  f: RecentDeploymentFilter,
  client: Queryable = pool(),
): Promise<RecentDeployment[]> {
  return queryRows<RecentDeployment>(client, sql`
    SELECT d.id, s.slug AS service, e.name AS environment, d.external_id AS "externalId", d.status::text AS status,
      d.strategy::text AS strategy, d.version, d.started_at AS "startedAt", d.finished_at AS "finishedAt",
      extract(epoch FROM d.finished_at - d.started_at)::float8 AS "durationSeconds", (d.is_rollback OR d.rolls_back) AS rollback,
      d.rolled_back AS "rolledBack", d.is_hotfix AS hotfix, d.url
    FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id
    WHERE ${f.serviceIds ? sql`d.service_id = ANY(${f.serviceIds}::int[])` : sql`true`}
      AND ${readableTeamsSql(sql`s.team_id`, f.readable)}
      AND ${f.environment ? sql`e.name = ${f.environment}` : sql`true`}
      AND ${f.status ? sql`d.status = ${f.status}::"DeploymentStatus"` : sql`true`}
      AND ${f.strategy ? sql`d.strategy = ${f.strategy}::"DeploymentStrategy"` : sql`true`}
      AND ${f.from ? sql`d.finished_at >= ${f.from}` : sql`true`}
      AND ${f.to ? sql`d.finished_at < ${f.to}` : sql`true`}
      AND ${f.after ? afterKeyset(f.after) : sql`true`}
    ORDER BY d.finished_at DESC NULLS FIRST, d.id DESC LIMIT ${f.limit}`)
}

export type RecentIncident = { id: number; service: string; externalId: string; title: string; severity: string | null; openedAt: Date; resolvedAt: Date | null; outage: boolean }

export async function listRecentIncidents(serviceIds: number[], limit: number, client: Queryable = pool()): Promise<RecentIncident[]> {
  return queryRows<RecentIncident>(client, sql`
    SELECT i.id, s.slug AS service, i.external_id AS "externalId", i.title, i.severity::text AS severity,
      i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.is_outage AS outage
    FROM incident i JOIN service s ON s.id = i.service_id
    WHERE i.service_id = ANY(${serviceIds}::int[]) ORDER BY i.opened_at DESC, i.id DESC LIMIT ${limit}`)
}
