import { z } from 'zod'
import { noAttributes, severityOf, type SourceItem } from '@/lib/incident-sources/source-item'

// Opsgenie's Webhook integration ("alert action data"): {action, alert: {alertId, message, createdAt (ms),
// updatedAt (ns), tags, entity, priority, details}}. Timestamps arrive as numbers; updatedAt is in
// nanoseconds (beyond 2^53, so only its milliseconds survive JSON.parse, which is all that is used).
const epoch = z.number().nonnegative().transform((n) => new Date(n > 1e15 ? Math.floor(n / 1e6) : n))
const payload = z.object({
  action: z.string(),
  alert: z.object({
    alertId: z.string().min(1),
    message: z.string().nullish(),
    createdAt: epoch.nullish(),
    updatedAt: epoch.nullish(),
    tags: z.array(z.string()).nullish(),
    entity: z.string().nullish(),
    priority: z.union([z.string(), z.number().int().transform((n) => `P${n}`)]).nullish(),
    details: z.record(z.string(), z.unknown()).nullish(),
  }).loose(),
})

export function mapOpsgenie(value: unknown): SourceItem[] {
  const { action, alert } = payload.parse(value)
  const attributes = noAttributes()
  if (alert.entity) attributes.services.push(alert.entity)
  attributes.tags.push(...(alert.tags ?? []))
  for (const [k, v] of Object.entries(alert.details ?? {})) if (typeof v === 'string') attributes.labels[k] = [v]
  const occurredAt = alert.updatedAt ?? alert.createdAt ?? null
  const item = { vendorIncidentId: alert.alertId, eventType: action, occurredAt, attributes }
  const state = ({ create: null, acknowledge: null, unacknowledge: null, close: occurredAt ?? new Date() } as Record<string, Date | null>)[action.toLowerCase()]
  if (state === undefined) return [{ ...item, incident: null, note: `action ${action} does not change an alert's state` }]
  return [{
    ...item,
    incident: {
      title: (alert.message?.trim() || `Opsgenie alert ${alert.alertId}`).slice(0, 500),
      severity: severityOf(alert.priority),
      openedAt: alert.createdAt ?? undefined,
      resolvedAt: state,
    },
  }]
}
