import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'
import type { ProbeState, StateChange } from '@/lib/probes/probe-state'

export type LockedCheck = ProbeState & { id: number; serviceId: number; name: string; failureThreshold: number }

export async function lockProbeCheck(tx: Tx, id: number): Promise<LockedCheck | null> {
  const rows = await queryRows<LockedCheck>(tx, sql`
    SELECT id, service_id AS "serviceId", name, failure_threshold AS "failureThreshold", last_up AS "lastUp",
      last_sample_at AS "lastSampleAt", consecutive_failures AS "consecutiveFailures", down_since AS "downSince",
      open_incident_id AS "openIncidentId"
    FROM probe_check WHERE id = ${id} FOR UPDATE`)
  return rows[0] ?? null
}

export async function saveProbeState(tx: Tx, id: number, s: ProbeState): Promise<void> {
  await tx.query(sql`
    UPDATE probe_check SET last_up = ${s.lastUp}, last_sample_at = ${s.lastSampleAt}, consecutive_failures = ${s.consecutiveFailures},
      down_since = ${s.downSince}, open_incident_id = ${s.openIncidentId}, updated_at = now()
    WHERE id = ${id}`)
}

export async function insertStateChange(tx: Tx, checkId: number, c: StateChange): Promise<void> {
  await tx.query(sql`INSERT INTO probe_state_change (check_id, at, up, detail, prev_at) VALUES (${checkId}, ${c.at}, ${c.up}, ${c.detail}, ${c.prevAt})`)
}

// Resolves a probe's incident unless someone resolved it already; whether this call resolved it.
export async function resolveProbeIncident(tx: Tx, incidentId: number, resolvedAt: Date): Promise<boolean> {
  const r = await tx.query(sql`UPDATE incident SET resolved_at = ${resolvedAt}, updated_at = now() WHERE id = ${incidentId} AND resolved_at IS NULL`)
  return (r.rowCount ?? 0) > 0
}
