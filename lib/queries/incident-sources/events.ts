import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable, type Tx } from '@/lib/db'
import type { SourceAttributes } from '@/lib/incident-sources/source-item'

export type SourceEventState = 'pending' | 'applied' | 'unmapped' | 'stale' | 'ignored'
export type SourceEventRow = {
  id: string; sourceId: number; eventType: string; vendorIncidentId: string; occurredAt: Date | null; state: SourceEventState
  note: string | null; attributes: SourceAttributes; incidentId: number | null; receivedAt: Date
}

// Records an event once per (source, sender's key): null when it was recorded before (a replay).
export type NewSourceEvent = {
  sourceId: number; eventKey: string; eventType: string; vendorIncidentId: string; occurredAt: Date | null; attributes: SourceAttributes; rawBody: string
}

export async function insertSourceEvent(tx: Tx, e: NewSourceEvent): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO incident_source_event (source_id, event_key, event_type, vendor_incident_id, occurred_at, state, attributes, raw_body)
    VALUES (${e.sourceId}, ${e.eventKey}, ${e.eventType}, ${e.vendorIncidentId}, ${e.occurredAt}, 'pending',
      ${JSON.stringify(e.attributes)}::jsonb, ${e.rawBody})
    ON CONFLICT (source_id, event_key) DO NOTHING RETURNING id::text`)
  return row?.id ?? null
}

type EventOutcome = { state: SourceEventState; note?: string | null; incidentId?: number | null }

export async function finishSourceEvent(tx: Queryable, id: string, f: EventOutcome): Promise<void> {
  await tx.query(sql`
    UPDATE incident_source_event SET state = ${f.state}, note = ${f.note ?? null}, incident_id = ${f.incidentId ?? null} WHERE id = ${id}::bigint`)
}

// Whether an event of this vendor incident that happened later was applied already (this one arrived late).
export async function laterEventApplied(tx: Tx, sourceId: number, vendorIncidentId: string, occurredAt: Date): Promise<boolean> {
  const [row] = await queryRows<{ later: boolean }>(tx, sql`
    SELECT EXISTS (SELECT 1 FROM incident_source_event WHERE source_id = ${sourceId} AND vendor_incident_id = ${vendorIncidentId}
      AND state = 'applied' AND occurred_at > ${occurredAt}) AS later`)
  return row!.later
}

// The first time anything was heard of a vendor incident (PagerDuty's payloads may lack created_at).
export async function firstHeardOf(tx: Tx, sourceId: number, vendorIncidentId: string): Promise<Date | null> {
  const [row] = await queryRows<{ at: Date | null }>(tx, sql`
    SELECT min(occurred_at) AS at FROM incident_source_event WHERE source_id = ${sourceId} AND vendor_incident_id = ${vendorIncidentId}`)
  return row?.at ?? null
}

// A source's latest events in one state (Settings lists the unmapped ones with what a rule could match).
type EventFilter = { sourceIds: number[]; state?: SourceEventState; limit: number }

export async function listSourceEvents(f: EventFilter, client: Queryable = pool()): Promise<SourceEventRow[]> {
  if (f.sourceIds.length === 0) return []
  return queryRows<SourceEventRow>(client, sql`
    SELECT id::text, source_id AS "sourceId", event_type AS "eventType", vendor_incident_id AS "vendorIncidentId", occurred_at AS "occurredAt",
      state, note, attributes, incident_id AS "incidentId", received_at AS "receivedAt"
    FROM incident_source_event
    WHERE source_id = ANY(${f.sourceIds}::int[]) AND (${f.state ?? null}::text IS NULL OR state = ${f.state ?? null})
    ORDER BY received_at DESC, id DESC LIMIT ${f.limit}`)
}

// The service an earlier event of this vendor incident was applied to (a close may lack the tags that mapped the open).
export type MappedService = { service: string; serviceTeamId: number; serviceTeam: string }

export async function serviceAppliedBefore(tx: Tx, sourceId: number, vendorIncidentId: string): Promise<MappedService | null> {
  const [row] = await queryRows<MappedService>(tx, sql`
    SELECT s.slug AS service, s.team_id AS "serviceTeamId", t.slug AS "serviceTeam"
    FROM incident_source_event e JOIN incident i ON i.id = e.incident_id JOIN service s ON s.id = i.service_id JOIN team t ON t.id = s.team_id
    WHERE e.source_id = ${sourceId} AND e.vendor_incident_id = ${vendorIncidentId} AND e.state = 'applied'
    ORDER BY e.id DESC LIMIT 1`)
  return row ?? null
}
