import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { TimelineDeployment, TimelineFacts } from '@/lib/incidents/timeline'
import { countsForCfr } from '@/lib/queries/metrics/scope-sql'

const HOUR = 3_600_000
type Row = { openedAt: Date; resolvedAt: Date | null; source: string; attributionHours: number; serviceId: number; cause: (TimelineDeployment & { linkMethod: string }) | null; fix: TimelineDeployment | null }

// alias: a fixed table alias of the query below (never input)
const deploymentJson = (alias: 'cd' | 'fd' | 'inf') => {
  const d = raw(alias)
  return sql`json_build_object('id', ${d}.id, 'externalId', ${d}.external_id, 'finishedAt', ${d}.finished_at, 'version', ${d}.version,
    'sha', ${d}.sha, 'environment', (SELECT name FROM environment WHERE id = ${d}.environment_id))`
}

// What an incident's timeline shows: its cause (explicit, else the deployment the metrics engine
// attributes it to: the last successful production deployment of the service, and of the incident's
// environment if it names one, within the attribution window), its fix, and the probe flips of the
// service's checks from an hour before it opened until it was resolved.
export async function getIncidentTimelineFacts(incidentId: number, now: Date, client: Queryable = pool()): Promise<TimelineFacts | null> {
  const [row] = await queryRows<Row>(client, sql`
    SELECT i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.source, s.incident_attribution_hours AS "attributionHours", i.service_id AS "serviceId",
      CASE WHEN cd.id IS NOT NULL THEN ${deploymentJson('cd')}::jsonb || jsonb_build_object('linkMethod', i.cause_link_method)
           WHEN inf.id IS NOT NULL THEN ${deploymentJson('inf')}::jsonb || jsonb_build_object('linkMethod', 'inferred') END AS cause,
      CASE WHEN fd.id IS NOT NULL THEN ${deploymentJson('fd')} END AS fix
    FROM incident i JOIN service s ON s.id = i.service_id
    LEFT JOIN deployment cd ON cd.id = i.cause_deployment_id
    LEFT JOIN deployment fd ON fd.id = i.fix_deployment_id
    LEFT JOIN LATERAL (
      SELECT d.* FROM deployment d JOIN environment e ON e.id = d.environment_id
      WHERE i.cause_deployment_id IS NULL AND d.service_id = i.service_id AND d.status = 'success' AND ${countsForCfr}
        AND (CASE WHEN i.environment_id IS NULL THEN e.tier = 'production' ELSE e.id = i.environment_id END)
        AND d.finished_at <= i.opened_at AND d.finished_at >= i.opened_at - make_interval(hours => s.incident_attribution_hours)
      ORDER BY d.finished_at DESC, d.id DESC LIMIT 1
    ) inf ON true
    WHERE i.id = ${incidentId}`)
  if (!row) return null
  const until = row.resolvedAt ?? now
  const probeChanges = await queryRows<TimelineFacts['probeChanges'][number]>(client, sql`
    SELECT at, up, "check", detail FROM (
      SELECT sc.at, sc.up, c.name AS "check", sc.detail, lag(sc.up) OVER (PARTITION BY sc.check_id ORDER BY sc.at) AS previous
      FROM probe_state_change sc JOIN probe_check c ON c.id = sc.check_id
      WHERE c.service_id = ${row.serviceId} AND sc.at <= ${until}
    ) changes
    -- a check's first result is no recovery
    WHERE at >= ${new Date(row.openedAt.getTime() - HOUR)} AND NOT (up AND previous IS NULL)
    ORDER BY at LIMIT 200`)
  const date = <T extends { finishedAt: Date | string | null } | null>(d: T) => (d ? { ...d, finishedAt: d.finishedAt ? new Date(d.finishedAt) : null } : null)
  return {
    openedAt: row.openedAt, resolvedAt: row.resolvedAt, source: row.source, attributionHours: row.attributionHours,
    cause: date(row.cause) as TimelineFacts['cause'], fix: date(row.fix), probeChanges,
  }
}
