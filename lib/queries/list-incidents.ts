import { Prisma } from '@/generated/prisma'
import { db, type DbOrTx } from '@/lib/db'
import type { IncidentDto } from '@/lib/validation/responses'

export type { IncidentDto }

const selectDto = Prisma.sql`
  SELECT i.id, s.slug AS service, e.name AS environment, i.source, i.external_id AS "externalId", i.title,
    i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.is_outage AS outage, i.url,
    CASE WHEN cd.id IS NULL THEN NULL ELSE json_build_object('deploymentId', cd.id, 'externalId', cd.external_id, 'linkMethod', i.cause_link_method) END AS cause,
    CASE WHEN fd.id IS NULL THEN NULL ELSE json_build_object('deploymentId', fd.id, 'externalId', fd.external_id) END AS fix,
    i.created_at AS "createdAt", i.updated_at AS "updatedAt"
  FROM incident i JOIN service s ON s.id = i.service_id
  LEFT JOIN environment e ON e.id = i.environment_id
  LEFT JOIN deployment cd ON cd.id = i.cause_deployment_id
  LEFT JOIN deployment fd ON fd.id = i.fix_deployment_id`

export async function getIncidentsByIds(ids: number[], client: DbOrTx = db()): Promise<IncidentDto[]> {
  return client.$queryRaw<IncidentDto[]>`${selectDto} WHERE i.id = ANY(${ids}::int[]) ORDER BY i.id`
}

export type IncidentFilter = {
  teamId: number
  service?: string
  environment?: string
  state?: 'open' | 'resolved'
  from?: Date
  to?: Date
  after?: { openedAt: Date; id: number }
  limit: number
}

export async function listIncidents(f: IncidentFilter, client: DbOrTx = db()): Promise<IncidentDto[]> {
  const where: Prisma.Sql[] = [Prisma.sql`s.team_id = ${f.teamId}`]
  if (f.service) where.push(Prisma.sql`s.slug = ${f.service}`)
  if (f.environment) where.push(Prisma.sql`e.name = ${f.environment}`)
  if (f.state === 'open') where.push(Prisma.sql`i.resolved_at IS NULL`)
  if (f.state === 'resolved') where.push(Prisma.sql`i.resolved_at IS NOT NULL`)
  if (f.from) where.push(Prisma.sql`i.opened_at >= ${f.from}`)
  if (f.to) where.push(Prisma.sql`i.opened_at < ${f.to}`)
  if (f.after) where.push(Prisma.sql`(i.opened_at, i.id) < (${f.after.openedAt}, ${f.after.id})`)
  return client.$queryRaw<IncidentDto[]>`
    ${selectDto} WHERE ${Prisma.join(where, ' AND ')} ORDER BY i.opened_at DESC, i.id DESC LIMIT ${f.limit}`
}
