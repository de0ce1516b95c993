import { z } from 'zod'
import { httpUrl, severityOf, type SourceItem } from '@/lib/incident-sources/source-item'

// Alertmanager's webhook (docs/configuration.md, <webhook_config>; version "4"): a group of alerts, each
// with its status, labels, annotations, startsAt, endsAt and fingerprint. Each alert is an incident.
const alert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).nullish(),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date().nullish(),
  generatorURL: z.string().nullish(),
  fingerprint: z.string().min(1),
}).loose()
const payload = z.object({ version: z.string(), status: z.string(), alerts: z.array(alert) }).loose()

// Severity words of the common alerting rules (critical, warning, info); a critical or "page" alert is an
// outage seen by monitoring (it counts against availability), the others are incidents only.
export function mapAlertmanager(value: unknown): SourceItem[] {
  return payload.parse(value).alerts.map((a) => {
    const resolved = a.status === 'resolved' && a.endsAt && a.endsAt.getUTCFullYear() > 1 ? a.endsAt : null
    const severity = severityOf(a.labels.severity)
    const name = a.labels.alertname ?? 'alert'
    const summary = a.annotations?.summary
    return {
      vendorIncidentId: a.fingerprint,
      eventType: a.status,
      occurredAt: resolved ?? a.startsAt,
      attributes: { services: [], tags: [], labels: Object.fromEntries(Object.entries(a.labels).map(([k, v]) => [k, [v]])) },
      incident: {
        title: (summary ? `${name}: ${summary}` : name).slice(0, 500),
        severity,
        openedAt: a.startsAt,
        resolvedAt: resolved,
        url: httpUrl(a.generatorURL),
        outage: severity === 'critical',
      },
    }
  })
}
