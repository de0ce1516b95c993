import sql, { join, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'
import type { IncidentDto } from '@/lib/validation/responses'

export type { IncidentDto }

const selectDto = sql`
  SELECT i.id, s.slug AS service, e.name AS environment, i.source, i.external_id AS "externalId", i.title,
    i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.is_outage AS outage, i.url,
    CASE WHEN cd.id IS NULL THEN NULL ELSE json_build_object('deploymentId', cd.id, 'externalId', cd.external_id, 'linkMethod', i.cause_link_method) END AS cause,
    CASE WHEN fd.id IS NULL THEN NULL ELSE json_build_object('deploymentId', fd.id, 'externalId', fd.external_id) END AS fix,
    i.created_at AS "createdAt", i.updated_at AS "updatedAt"
  FROM incident i JOIN service s ON s.id = i.service_id
  LEFT JOIN environment e ON e.id = i.environment_id
  LEFT JOIN deployment cd ON cd.id = i.cause_deployment_id
  LEFT JOIN deployment fd ON fd.id = i.fix_deployment_id`

export async function getIncidentsByIds(ids: number[], client: Queryable = pool()): Promise<IncidentDto[]> {
  return queryRows<IncidentDto>(client, sql`${selectDto} WHERE i.id = ANY(${ids}::int[]) ORDER BY i.id`)
}

export type IncidentFilter = {
  // the API's one team ([id]); the dashboard's readable teams ('all': every team's)
  teams: ReadableTeams
  service?: string
  environment?: string
  state?: 'open' | 'resolved'
  source?: string
  outage?: boolean
  from?: Date
  to?: Date
  after?: { openedAt: Date; id: number }
  limit: number
}

export async function listIncidents(f: IncidentFilter, client: Queryable = pool()): Promise<IncidentDto[]> {
  const where: Sql[] = [readableTeamsSql(sql`s.team_id`, f.teams)]
  if (f.service) where.push(sql`s.slug = ${f.service}`)
  if (f.environment) where.push(sql`e.name = ${f.environment}`)
  if (f.state === 'open') where.push(sql`i.resolved_at IS NULL`)
  if (f.state === 'resolved') where.push(sql`i.resolved_at IS NOT NULL`)
  if (f.source) where.push(sql`i.source = ${f.source}`)
  if (f.outage !== undefined) where.push(sql`i.is_outage = ${f.outage}`)
  if (f.from) where.push(sql`i.opened_at >= ${f.from}`)
  if (f.to) where.push(sql`i.opened_at < ${f.to}`)
  if (f.after) where.push(sql`(i.opened_at, i.id) < (${f.after.openedAt}, ${f.after.id})`)
  return queryRows<IncidentDto>(client, sql`
    ${selectDto} WHERE ${join(where, ' AND ')} ORDER BY i.opened_at DESC, i.id DESC LIMIT ${f.limit}`)
}
