import { z } from 'zod'
import { httpUrl, noAttributes, severityOf, type SourceItem } from '@/lib/incident-sources/source-item'

// incident.io webhooks (its public OpenAPI spec, x-webhooks): {event_type, [event_type]: payload}; the public
// incident events carry an IncidentV2 (status_updated: under "incident"). Private incidents carry only an id.
const value = z.object({ value: z.string().nullish() }).loose().nullish()
const incidentV2 = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  reference: z.string().nullish(),
  permalink: z.string().nullish(),
  created_at: z.coerce.date(),
  updated_at: z.coerce.date(),
  severity: z.object({ name: z.string() }).loose().nullish(),
  incident_status: z.object({ category: z.string(), name: z.string().nullish() }).loose(),
  incident_type: z.object({ name: z.string() }).loose().nullish(),
  custom_field_entries: z.array(z.object({
    custom_field: z.object({ name: z.string() }).loose(),
    values: z.array(z.object({
      value_option: value,
      value_text: z.string().nullish(),
      value_catalog_entry: z.object({ name: z.string(), external_id: z.string().nullish() }).loose().nullish(),
    }).loose()),
  }).loose()).nullish(),
}).loose()

const envelope = z.object({ event_type: z.string() }).loose()
const INCIDENT_EVENTS = ['public_incident.incident_created_v2', 'public_incident.incident_updated_v2']
const STATUS_EVENT = 'public_incident.incident_status_updated_v2'
// status categories (IncidentStatusV2.category): live ones are open, learning and closed resolved; an incident
// declined, merged or canceled was never one
const RESOLVED = new Set(['learning', 'closed'])
const NOT_INCIDENTS = new Set(['declined', 'merged', 'canceled'])

export function mapIncidentIo(raw: unknown): SourceItem[] {
  const { event_type: eventType } = envelope.parse(raw)
  const body = (raw as Record<string, unknown>)[eventType]
  const ignore = (id: string, note: string): SourceItem[] => [
    { vendorIncidentId: id, eventType, occurredAt: null, attributes: noAttributes(), incident: null, note },
  ]
  const idOf = z.object({ id: z.string().min(1) }).loose().safeParse(eventType === STATUS_EVENT ? (body as { incident?: unknown })?.incident : body)
  if (!INCIDENT_EVENTS.includes(eventType) && eventType !== STATUS_EVENT) {
    return ignore(idOf.data?.id ?? '-', eventType.startsWith('private_incident.')
      ? 'a private incident: its webhook carries only an id, and Plimsoll does not read incident.io\'s API'
      : `${eventType} is not an incident event Plimsoll records`)
  }
  const path = eventType === STATUS_EVENT ? [eventType, 'incident'] : [eventType]
  const parsed = incidentV2.safeParse(eventType === STATUS_EVENT ? (body as { incident?: unknown })?.incident : body)
  if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })))
  const i = parsed.data
  const attributes = noAttributes()
  if (i.incident_type) attributes.tags.push(i.incident_type.name)
  // catalog entries (how incident.io models affected services) are service names; every field is a label
  for (const entry of i.custom_field_entries ?? []) {
    const values = attributes.labels[entry.custom_field.name] ??= []
    for (const v of entry.values) {
      const entry = v.value_catalog_entry
      if (entry) attributes.services.push(entry.name, ...(entry.external_id ? [entry.external_id] : []))
      values.push(...[v.value_option?.value, v.value_text, v.value_catalog_entry?.name].filter((s): s is string => !!s))
    }
  }
  const item = { vendorIncidentId: i.id, eventType, occurredAt: i.updated_at, attributes }
  const category = i.incident_status.category
  if (NOT_INCIDENTS.has(category)) return [{ ...item, incident: null, note: `status category ${category}: not an incident` }]
  return [{
    ...item,
    incident: {
      title: [i.reference, i.name].filter(Boolean).join(' ').slice(0, 500) || `incident.io incident ${i.id}`,
      severity: severityOf(i.severity?.name),
      openedAt: i.created_at,
      resolvedAt: RESOLVED.has(category) ? i.updated_at : null,
      url: httpUrl(i.permalink),
    },
  }]
}
