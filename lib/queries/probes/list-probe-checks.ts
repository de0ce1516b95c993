import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { ProbeState } from '@/lib/probes/probe-state'
import type { ProbeCheckConfig } from '@/lib/queries/probes/upsert-probe-check'

// a check's configuration (as written by upsertProbeCheck) and its running state
export type ProbeCheckRow = ProbeState & ProbeCheckConfig & { id: number; serviceId: number; service: string; teamId: number }

const selectCheck = sql`
  SELECT c.id, c.service_id AS "serviceId", s.slug AS service, s.team_id AS "teamId", c.name, c.kind::text AS kind, c.method, c.url, c.host, c.port,
    c.expect_status_min AS "expectStatusMin", c.expect_status_max AS "expectStatusMax", c.body_contains AS "bodyContains",
    c.timeout_ms AS "timeoutMs", c.interval_seconds AS "intervalSeconds", c.failure_threshold AS "failureThreshold", c.enabled,
    c.last_up AS "lastUp", c.last_sample_at AS "lastSampleAt", c.consecutive_failures AS "consecutiveFailures",
    c.down_since AS "downSince", c.open_incident_id AS "openIncidentId"
  FROM probe_check c JOIN service s ON s.id = c.service_id`

// The checks the worker runs (enabled http and tcp ones).
export async function listScheduledChecks(client: Queryable = pool()): Promise<ProbeCheckRow[]> {
  return queryRows<ProbeCheckRow>(client, sql`${selectCheck} WHERE c.enabled AND c.kind <> 'external' ORDER BY c.id`)
}

// Every check of the given services (null: all), for status pages and the checks API.
export async function listProbeChecks(serviceIds: number[] | null, client: Queryable = pool()): Promise<ProbeCheckRow[]> {
  return queryRows<ProbeCheckRow>(client, sql`
    ${selectCheck} WHERE ${serviceIds ? sql`c.service_id = ANY(${serviceIds}::int[])` : sql`true`} ORDER BY s.slug, c.name`)
}

// A team's checks (optionally one service's, or one check), for the checks API.
export async function listTeamChecks(teamId: number, f: { service?: string; id?: number }, client: Queryable = pool()): Promise<ProbeCheckRow[]> {
  return queryRows<ProbeCheckRow>(client, sql`
    ${selectCheck} WHERE s.team_id = ${teamId} AND ${f.service ? sql`s.slug = ${f.service}` : sql`true`} AND ${f.id ? sql`c.id = ${f.id}` : sql`true`}
    ORDER BY s.slug, c.name`)
}
