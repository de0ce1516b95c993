import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable, type Tx } from '@/lib/db'

// A deployment of this service named by its external id (any source; the newest if several sources use it).
export async function findDeploymentByExternalId(tx: Tx, serviceId: number, externalId: string): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(tx, sql`
    SELECT id FROM deployment WHERE service_id = ${serviceId} AND external_id = ${externalId}
    ORDER BY (source = 'api') DESC, id DESC LIMIT 1`)
  return rows[0]?.id ?? null
}

// The last successful deployment of this service that carried `sha` and finished by `before`.
export async function findDeploymentCarryingSha(tx: Tx, serviceId: number, sha: string, before: Date): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(tx, sql`
    SELECT d.id FROM deployment d
    WHERE d.service_id = ${serviceId} AND d.status = 'success' AND d.finished_at <= ${before}
      AND (d.sha LIKE ${sha + '%'} OR EXISTS (
        SELECT 1 FROM deployment_change dc JOIN change c ON c.id = dc.change_id
        WHERE dc.deployment_id = d.id AND c.sha LIKE ${sha + '%'}))
    ORDER BY d.finished_at DESC, d.id DESC LIMIT 1`)
  return rows[0]?.id ?? null
}

export async function isDeploymentOfService(tx: Tx, serviceId: number, deploymentId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(tx, sql`SELECT id FROM deployment WHERE id = ${deploymentId} AND service_id = ${serviceId}`)
  return rows.length > 0
}

export type CauseCandidate = { id: number; externalId: string; finishedAt: Date; environment: string; version: string | null; sha: string | null }

// What a person may pick as an incident's cause: the service's last finished deployments up to `before`.
export async function listCauseCandidates(serviceId: number, before: Date, limit = 20, client: Queryable = pool()): Promise<CauseCandidate[]> {
  return queryRows<CauseCandidate>(client, sql`
    SELECT d.id, d.external_id AS "externalId", d.finished_at AS "finishedAt", e.name AS environment, d.version, d.sha
    FROM deployment d JOIN environment e ON e.id = d.environment_id
    WHERE d.service_id = ${serviceId} AND d.finished_at IS NOT NULL AND d.finished_at <= ${before}
    ORDER BY d.finished_at DESC, d.id DESC LIMIT ${limit}`)
}
