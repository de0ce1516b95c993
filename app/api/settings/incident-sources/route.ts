import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { addIncidentSource, incidentSourcesFor } from '@/lib/settings/manage-incident-sources'
import { createIncidentSourceSchema } from '@/lib/validation/incident-sources'

export const dynamic = 'force-dynamic'

// GET /api/settings/incident-sources – the readable teams' incident sources, their rules and unmapped events (people)
export const GET = route({ access: 'dashboard' }, async ({ principal }) => Response.json({ data: await incidentSourcesFor(principal) }))

// POST /api/settings/incident-sources – connect PagerDuty, Opsgenie, incident.io or Alertmanager (admins, the team's maintainers)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const input = parseBody(createIncidentSourceSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addIncidentSource(principal, auditContextOf(principal, req), input) }, { status: 201 })
})
