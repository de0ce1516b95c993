import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'

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
