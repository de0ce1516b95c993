import type { Notice } from '@/lib/validation/notifications'

// The generic webhook's JSON body (docs/notifications.md): the alert as enqueued, its team, and the delivery's id.
export function formatWebhook(n: Notice, meta: { deliveryId: string; team: string; createdAt: Date }) {
  return {
    id: meta.deliveryId, kind: n.kind, key: n.key, team: meta.team, severity: n.severity, title: n.title, summary: n.summary,
    fields: n.fields, links: n.links, createdAt: meta.createdAt.toISOString(),
  }
}
