import type { IncidentSeverity } from '@/lib/validation/incidents'

export const INCIDENT_SOURCE_KINDS = ['pagerduty', 'opsgenie', 'incident_io', 'alertmanager'] as const
export type IncidentSourceKind = (typeof INCIDENT_SOURCE_KINDS)[number]

// What a mapping rule can match in an event: the vendor's service ids and names, tags, labels (name -> values).
export type SourceAttributes = { services: string[]; tags: string[]; labels: Record<string, string[]> }

// What an event says of its incident; undefined = not said (kept as stored).
export type SourceIncident = {
  title: string
  severity?: IncidentSeverity
  openedAt?: Date
  resolvedAt: Date | null | undefined
  url?: string
  outage?: boolean
}

// One vendor incident in a delivery (an Alertmanager group carries several): incident null when the event
// is not one Plimsoll records (note says why).
export type SourceItem = {
  vendorIncidentId: string
  eventType: string
  occurredAt: Date | null
  attributes: SourceAttributes
  incident: SourceIncident | null
  note?: string
}

export const noAttributes = (): SourceAttributes => ({ services: [], tags: [], labels: {} })

const severityWords: Record<string, IncidentSeverity> = {
  critical: 'critical', page: 'critical', sev1: 'critical', p1: 'critical', sev0: 'critical', p0: 'critical',
  high: 'high', major: 'high', error: 'high', sev2: 'high', p2: 'high',
  medium: 'medium', warning: 'medium', moderate: 'medium', sev3: 'medium', p3: 'medium',
  low: 'low', minor: 'low', info: 'low', sev4: 'low', p4: 'low', p5: 'low', sev5: 'low',
}

// The vendors' severity words on Plimsoll's scale; an unknown word is no severity (not a guess).
export function severityOf(word: string | null | undefined): IncidentSeverity | undefined {
  return word ? severityWords[word.trim().toLowerCase()] : undefined
}

// Only http(s) links are kept (the incident's url field).
export const httpUrl = (s: string | null | undefined) => (s && /^https?:\/\//i.test(s) && s.length <= 2000 ? s : undefined)
