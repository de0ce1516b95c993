import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type RecentDeployment = {
  id: number; service: string; environment: string; externalId: string; status: string; strategy: string
  version: string | null; startedAt: Date | null; finishedAt: Date | null; durationSeconds: number | null; rollback: boolean; hotfix: boolean; url: string | null
}

// The latest deployments of some services (all services: serviceIds null) of the readable teams, in progress first.
export async function listRecentDeployments(
  f: { serviceIds: number[] | null; readable: ReadableTeams; environment?: string; status?: string; limit: number },
  client: Queryable = pool(),
): Promise<RecentDeployment[]> {
  return queryRows<RecentDeployment>(client, sql`
    SELECT d.id, s.slug AS service, e.name AS environment, d.external_id AS "externalId", d.status::text AS status,
      d.strategy::text AS strategy, d.version, d.started_at AS "startedAt", d.finished_at AS "finishedAt",
      extract(epoch FROM d.finished_at - d.started_at)::float8 AS "durationSeconds", d.is_rollback AS rollback,
      d.is_hotfix AS hotfix, d.url
    FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id
    WHERE ${f.serviceIds ? sql`d.service_id = ANY(${f.serviceIds}::int[])` : sql`true`}
      AND ${readableTeamsSql(sql`s.team_id`, f.readable)}
      AND ${f.environment ? sql`e.name = ${f.environment}` : sql`true`}
      AND ${f.status ? sql`d.status = ${f.status}::"DeploymentStatus"` : sql`true`}
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
