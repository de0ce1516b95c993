import { withTransaction, type Tx } from '@/lib/db'
import { AppError } from '@/lib/http/app-error'
import { ingestIncidentIn } from '@/lib/ingest/ingest-incident'
import { noticeIncidentChange } from '@/lib/notify/incident-notices'
import { firstMatchingRule } from '@/lib/incident-sources/match-rule'
import type { IncidentSourceKind, SourceItem } from '@/lib/incident-sources/source-item'
import {
  finishSourceEvent, firstHeardOf, insertSourceEvent, laterEventApplied, serviceAppliedBefore, type SourceEventState,
} from '@/lib/queries/incident-sources/events'
import { listSourceRules } from '@/lib/queries/incident-sources/sources'

export type SourceRef = { id: number; kind: IncidentSourceKind }
export type ItemResult = { vendorIncidentId: string; state: SourceEventState | 'duplicate'; incidentId: number | null; note: string | null }

// Records each of a delivery's events once (a replay is a duplicate and changes nothing) and applies those a
// rule maps to a service; all in one transaction, so a delivery is applied whole or not at all (and retried).
export async function applySourceItems(source: SourceRef, deliveryKey: string, items: SourceItem[], rawBody: string): Promise<ItemResult[]> {
  const rules = await listSourceRules([source.id])
  return withTransaction(async (tx) => {
    const results: ItemResult[] = []
    for (const item of items) {
      const eventId = await insertSourceEvent(tx, { sourceId: source.id, eventKey: `${deliveryKey}:${item.vendorIncidentId}`, eventType: item.eventType,
        vendorIncidentId: item.vendorIncidentId, occurredAt: item.occurredAt, attributes: item.attributes, rawBody })
      if (eventId === null) {
        results.push({ vendorIncidentId: item.vendorIncidentId, state: 'duplicate', incidentId: null, note: 'received before' })
        continue
      }
      const outcome = await applyItem(tx, source, item, rules, rawBody)
      await finishSourceEvent(tx, eventId, outcome)
      results.push({ vendorIncidentId: item.vendorIncidentId, ...outcome })
    }
    return results
  })
}

type Outcome = { state: SourceEventState; note: string | null; incidentId: number | null }

async function applyItem(tx: Tx, source: SourceRef, item: SourceItem, rules: Awaited<ReturnType<typeof listSourceRules>>, rawBody: string): Promise<Outcome> {
  const none = { incidentId: null }
  if (!item.incident) return { ...none, state: 'ignored', note: item.note ?? null }
  if (item.occurredAt && (await laterEventApplied(tx, source.id, item.vendorIncidentId, item.occurredAt))) {
    return { ...none, state: 'stale', note: 'a later event of this incident was applied first' }
  }
  // an incident stays with the service it was first mapped to (later rules do not move it); else the first matching rule
  const before = await serviceAppliedBefore(tx, source.id, item.vendorIncidentId)
  const rule = before ? null : firstMatchingRule(rules, item.attributes)
  const target = before ?? rule
  if (!target) return { ...none, state: 'unmapped', note: 'no rule maps it to a service' }
  const { incident } = item
  const openedAt = incident.openedAt ?? (await firstHeardOf(tx, source.id, item.vendorIncidentId)) ?? undefined
  const caller = { tokenId: null, teamId: target.serviceTeamId, teamSlug: target.serviceTeam }
  const body = { id: item.vendorIncidentId, service: target.service, title: incident.title, severity: incident.severity, openedAt,
    resolvedAt: incident.resolvedAt, url: incident.url, outage: incident.outage }
  const request = { raw: rawBody, receivedAt: new Date(), kind: `${source.kind}:${item.eventType}` }
  try {
    const written = await ingestIncidentIn(tx, caller, body, request, source.kind)
    if (written.incident && written.outcome !== 'unchanged') await noticeIncidentChange(tx, written.incident.id, written.before)
    return { state: 'applied', note: `${written.outcome} (${rule ? `rule ${rule.id}` : 'mapped before'})`, incidentId: written.incident?.id ?? null }
  } catch (err) {
    // what the vendor sent contradicts itself (resolved before opened): kept, not retried for ever
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return { ...none, state: 'ignored', note: err.message }
    throw err
  }
}
