import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'
import type { IncidentFields } from '@/lib/ingest/incident-merge'

export type IncidentKey = { serviceId: number; source: string; externalId: string }

const lockedColumns = sql`
  SELECT id, service_id AS "serviceId", source, external_id AS "externalId", environment_id AS "environmentId", title,
    severity::text AS severity, opened_at AS "openedAt", resolved_at AS "resolvedAt", is_outage AS "isOutage", url,
    cause_deployment_id AS "causeDeploymentId", cause_link_method::text AS "causeLinkMethod", fix_deployment_id AS "fixDeploymentId",
    not_caused_by_change AS "notCausedByChange"
  FROM incident`

export type LockedIncident = IncidentFields & IncidentKey & { id: number }

export async function lockIncident(tx: Tx, key: IncidentKey): Promise<LockedIncident | null> {
  const rows = await queryRows<LockedIncident>(tx, sql`
    ${lockedColumns} WHERE service_id = ${key.serviceId} AND source = ${key.source} AND external_id = ${key.externalId}
    FOR UPDATE`)
  return rows[0] ?? null
}

export async function lockIncidentById(tx: Tx, id: number): Promise<LockedIncident | null> {
  return (await queryRows<LockedIncident>(tx, sql`${lockedColumns} WHERE id = ${id} FOR UPDATE`))[0] ?? null
}

// Insert or overwrite by (service, source, external id); returns the id and whether it was new. An
// existing incident is updated in place: INSERT ... ON CONFLICT takes a sequence value on every call,
// so it is only the fallback for the first write (and settles two first writes racing each other).
export async function writeIncident(tx: Tx, key: IncidentKey, f: IncidentFields): Promise<{ id: number; created: boolean }> {
  const updated = await queryRows<{ id: number }>(tx, sql`
    UPDATE incident SET environment_id = ${f.environmentId}, title = ${f.title}, severity = ${f.severity}::"IncidentSeverity",
      opened_at = ${f.openedAt}, resolved_at = ${f.resolvedAt}, is_outage = ${f.isOutage}, url = ${f.url},
      cause_deployment_id = ${f.causeDeploymentId}, cause_link_method = ${f.causeLinkMethod}::"CauseLinkMethod",
      fix_deployment_id = ${f.fixDeploymentId}, not_caused_by_change = ${f.notCausedByChange}, updated_at = now()
    WHERE service_id = ${key.serviceId} AND source = ${key.source} AND external_id = ${key.externalId}
    RETURNING id`)
  if (updated[0]) return { id: updated[0].id, created: false }
  const rows = await queryRows<{ id: number; created: boolean }>(tx, sql`
    INSERT INTO incident (service_id, source, external_id, environment_id, title, severity, opened_at, resolved_at,
      is_outage, url, cause_deployment_id, cause_link_method, fix_deployment_id, not_caused_by_change)
    VALUES (${key.serviceId}, ${key.source}, ${key.externalId}, ${f.environmentId}, ${f.title},
      ${f.severity}::"IncidentSeverity", ${f.openedAt}, ${f.resolvedAt}, ${f.isOutage}, ${f.url},
      ${f.causeDeploymentId}, ${f.causeLinkMethod}::"CauseLinkMethod", ${f.fixDeploymentId}, ${f.notCausedByChange})
    ON CONFLICT (service_id, source, external_id) DO UPDATE SET
      environment_id = EXCLUDED.environment_id, title = EXCLUDED.title, severity = EXCLUDED.severity,
      opened_at = EXCLUDED.opened_at, resolved_at = EXCLUDED.resolved_at, is_outage = EXCLUDED.is_outage,
      url = EXCLUDED.url, cause_deployment_id = EXCLUDED.cause_deployment_id,
      cause_link_method = EXCLUDED.cause_link_method, fix_deployment_id = EXCLUDED.fix_deployment_id,
      not_caused_by_change = EXCLUDED.not_caused_by_change, updated_at = now()
    RETURNING id, (xmax = 0) AS created`)
  return rows[0]!
}
