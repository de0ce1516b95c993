import { z } from 'zod'
import { httpUrl, noAttributes, severityOf, type SourceItem } from '@/lib/incident-sources/source-item'

// PagerDuty V3 webhook payloads (developer docs "Webhooks Overview"): {event: {id, event_type, occurred_at, data}}.
const reference = z.object({ id: z.string(), summary: z.string().nullish() }).nullish()
const payload = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string(),
    resource_type: z.string(),
    occurred_at: z.coerce.date(),
    data: z.object({
      id: z.string().min(1),
      title: z.string().nullish(),
      status: z.string().nullish(),
      urgency: z.string().nullish(),
      html_url: z.string().nullish(),
      created_at: z.coerce.date().nullish(),
      service: reference,
      priority: reference,
      teams: z.array(reference).nullish(),
    }).loose(),
  }),
})

const RECORDED = new Set(['incident.triggered', 'incident.acknowledged', 'incident.unacknowledged', 'incident.resolved', 'incident.reopened',
  'incident.priority_updated', 'incident.escalated', 'incident.reassigned', 'incident.delegated'])

// The sender's id of the delivery (event.id), for idempotency.
export const pagerdutyEventId = (value: unknown) => payload.shape.event.shape.id.safeParse((value as { event?: { id?: unknown } })?.event?.id).data

export function mapPagerduty(value: unknown): SourceItem[] {
  const { event } = payload.parse(value)
  const d = event.data
  const attributes = noAttributes()
  if (d.service) attributes.services.push(d.service.id, ...(d.service.summary ? [d.service.summary] : []))
  for (const t of d.teams ?? []) if (t?.summary) (attributes.labels.team ??= []).push(t.summary)
  const item = { vendorIncidentId: d.id, eventType: event.event_type, occurredAt: event.occurred_at, attributes }
  if (event.resource_type !== 'incident' || !RECORDED.has(event.event_type)) {
    return [{ ...item, incident: null, note: `${event.event_type} does not change an incident's state` }]
  }
  const resolved = event.event_type === 'incident.resolved' || d.status === 'resolved'
  return [{
    ...item,
    incident: {
      title: (d.title ?? `PagerDuty incident ${d.id}`).slice(0, 500),
      // the priority (P1-P5) when the account uses priorities, else the urgency (high, low)
      severity: severityOf(d.priority?.summary) ?? severityOf(d.urgency),
      openedAt: d.created_at ?? undefined,
      // resolved at the resolve event; another event on a resolved incident leaves the stored time
      resolvedAt: event.event_type === 'incident.resolved' ? event.occurred_at : resolved ? undefined : null,
      url: httpUrl(d.html_url),
    },
  }]
}
