import { Prisma } from '@/generated/prisma'
import { db, type DbOrTx } from '@/lib/db'
import type { DeploymentStatus } from '@/lib/validation/deployments'
import type { DeploymentDto } from '@/lib/validation/responses'

export type { DeploymentDto }

const selectDto = Prisma.sql`
  SELECT d.id, s.slug AS service, e.name AS environment, e.tier::text AS "environmentTier", d.source,
    d.external_id AS "externalId", d.status::text AS status, d.started_at AS "startedAt", d.finished_at AS "finishedAt",
    d.sha, d.ref, d.version, d.strategy::text AS strategy, d.is_rollback AS rollback, d.is_hotfix AS hotfix, d.url,
    d.triggered_by AS "triggeredBy",
    (SELECT count(*)::int FROM deployment_change dc WHERE dc.deployment_id = d.id) AS "commitCount",
    d.created_at AS "createdAt", d.updated_at AS "updatedAt"
  FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id`

export async function getDeploymentsByIds(ids: number[], client: DbOrTx = db()): Promise<DeploymentDto[]> {
  return client.$queryRaw<DeploymentDto[]>`${selectDto} WHERE d.id = ANY(${ids}::int[]) ORDER BY d.id`
}

export type DeploymentFilter = {
  teamId: number
  service?: string
  environment?: string
  status?: DeploymentStatus
  from?: Date
  to?: Date
  // keyset: rows strictly after (finishedAt, id) in "in progress first, then newest finished" order
  after?: { finishedAt: Date | null; id: number }
  limit: number
}

export async function listDeployments(f: DeploymentFilter, client: DbOrTx = db()): Promise<DeploymentDto[]> {
  const where: Prisma.Sql[] = [Prisma.sql`s.team_id = ${f.teamId}`]
  if (f.service) where.push(Prisma.sql`s.slug = ${f.service}`)
  if (f.environment) where.push(Prisma.sql`e.name = ${f.environment}`)
  if (f.status) where.push(Prisma.sql`d.status = ${f.status}::"DeploymentStatus"`)
  if (f.from) where.push(Prisma.sql`d.finished_at >= ${f.from}`)
  if (f.to) where.push(Prisma.sql`d.finished_at < ${f.to}`)
  if (f.after) {
    const { finishedAt, id } = f.after
    where.push(
      finishedAt === null
        ? Prisma.sql`((d.finished_at IS NULL AND d.id < ${id}) OR d.finished_at IS NOT NULL)`
        : Prisma.sql`(d.finished_at < ${finishedAt} OR (d.finished_at = ${finishedAt} AND d.id < ${id}))`,
    )
  }
  return client.$queryRaw<DeploymentDto[]>`
    ${selectDto} WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY d.finished_at DESC NULLS FIRST, d.id DESC LIMIT ${f.limit}`
}
