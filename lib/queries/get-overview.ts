import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type ServiceSummary = {
  slug: string
  name: string
  team: string
  teamSlug: string
  deployments30d: number
  failures30d: number
  lastDeployedAt: Date | null
  openIncidents: number
}

// Per service of the readable teams: production deployments in the last 30 days, failures, last deploy, open incidents.
export async function listServiceSummaries(now: Date, readable: ReadableTeams): Promise<ServiceSummary[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000)
  return queryRows<ServiceSummary>(pool(), sql`
    SELECT s.slug, s.name, t.name AS team, t.slug AS "teamSlug",
      count(d.id) FILTER (WHERE d.status IN ('success', 'failure'))::int AS "deployments30d",
      count(d.id) FILTER (WHERE d.status = 'failure')::int AS "failures30d",
      (SELECT max(d2.finished_at) FROM deployment d2 JOIN environment e2 ON e2.id = d2.environment_id
        WHERE d2.service_id = s.id AND e2.tier = 'production' AND d2.status = 'success') AS "lastDeployedAt",
      (SELECT count(*)::int FROM incident i WHERE i.service_id = s.id AND i.resolved_at IS NULL) AS "openIncidents"
    FROM service s JOIN team t ON t.id = s.team_id
    LEFT JOIN deployment d ON d.service_id = s.id AND d.finished_at >= ${since} AND d.finished_at < ${now}
      AND d.environment_id IN (SELECT id FROM environment WHERE tier = 'production')
    WHERE ${readableTeamsSql(sql`t.id`, readable)}
    GROUP BY s.id, t.name, t.slug ORDER BY t.name, s.slug`)
}
