import sql, { join, raw, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { DeploymentStatus } from '@/lib/validation/deployments'
import type { DeploymentDto } from '@/lib/validation/responses'

export type { DeploymentDto }

// null when no rollout was reported; times as ISO strings with their offset (UTC)
const isoTime = (column: string) => raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)
const rolloutJson = sql`CASE WHEN num_nonnulls(d.rollout_steps, d.ready_at, d.promoted_at, d.aborted_at, d.max_weight) = 0 THEN NULL
    ELSE json_build_object('steps', coalesce(d.rollout_steps, '[]'::jsonb), 'readyAt', ${isoTime('d.ready_at')},
      'promotedAt', ${isoTime('d.promoted_at')}, 'abortedAt', ${isoTime('d.aborted_at')}, 'maxWeight', d.max_weight::float8) END AS rollout`

const selectDto = sql`
  SELECT d.id, s.slug AS service, e.name AS environment, e.tier::text AS "environmentTier", d.source,
    d.external_id AS "externalId", d.status::text AS status, d.started_at AS "startedAt", d.finished_at AS "finishedAt",
    d.sha, d.ref, d.version, d.strategy::text AS strategy, d.is_rollback AS rollback, d.is_hotfix AS hotfix, d.url,
    d.triggered_by AS "triggeredBy", ${rolloutJson},
    (SELECT count(*)::int FROM deployment_change dc WHERE dc.deployment_id = d.id) AS "commitCount",
    d.created_at AS "createdAt", d.updated_at AS "updatedAt"
  FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id`

export async function getDeploymentsByIds(ids: number[], client: Queryable = pool()): Promise<DeploymentDto[]> {
  return queryRows<DeploymentDto>(client, sql`${selectDto} WHERE d.id = ANY(${ids}::int[]) ORDER BY d.id`)
}

export type DeploymentFilter = {
  teamId: number
  service?: string
  environment?: string
  status?: DeploymentStatus
  strategy?: readonly string[]
  from?: Date
  to?: Date
  // keyset: rows strictly after (finishedAt, id) in "in progress first, then newest finished" order
  after?: { finishedAt: Date | null; id: number }
  limit: number
}

export async function listDeployments(f: DeploymentFilter, client: Queryable = pool()): Promise<DeploymentDto[]> {
  const where: Sql[] = [sql`s.team_id = ${f.teamId}`]
  if (f.service) where.push(sql`s.slug = ${f.service}`)
  if (f.environment) where.push(sql`e.name = ${f.environment}`)
  if (f.status) where.push(sql`d.status = ${f.status}::"DeploymentStatus"`)
  if (f.strategy) where.push(sql`d.strategy = ANY(${f.strategy}::"DeploymentStrategy"[])`)
  if (f.from) where.push(sql`d.finished_at >= ${f.from}`)
  if (f.to) where.push(sql`d.finished_at < ${f.to}`)
  if (f.after) where.push(afterKeyset(f.after))
  return queryRows<DeploymentDto>(client, sql`
    ${selectDto} WHERE ${join(where, ' AND ')}
    ORDER BY d.finished_at DESC NULLS FIRST, d.id DESC LIMIT ${f.limit}`)
}

// Rows strictly after a row in "in progress first, then newest finished" order (finished_at DESC NULLS FIRST, id DESC).
export function afterKeyset({ finishedAt, id }: { finishedAt: Date | null; id: number }): Sql {
  return finishedAt === null
    ? sql`((d.finished_at IS NULL AND d.id < ${id}) OR d.finished_at IS NOT NULL)`
    : sql`(d.finished_at < ${finishedAt} OR (d.finished_at = ${finishedAt} AND d.id < ${id}))`
}
