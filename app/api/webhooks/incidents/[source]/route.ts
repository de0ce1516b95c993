import { route } from '@/lib/http/route'
import { receiveIncidentEvent } from '@/lib/incident-sources/receive-incident-event'

export const dynamic = 'force-dynamic'

// POST /api/webhooks/incidents/<source id> – PagerDuty, Opsgenie, incident.io and Alertmanager webhooks, each
// with its own authentication (docs/incident-sources.md); 200 with what became of each event
export const POST = route({ access: 'public', signed: true }, async ({ req, params }) => (
  Response.json({ data: await receiveIncidentEvent(req, params.source) })
))
