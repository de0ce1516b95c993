import { auditContextOf } from '@/lib/audit/audit-context'
import { requirePerson } from '@/lib/auth/require-person'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { changeIncidentByHand } from '@/lib/incidents/manual-incident'
import { incidentActionSchema } from '@/lib/validation/incidents'
import { idParams } from '@/lib/validation/common'

export const dynamic = 'force-dynamic'

// PATCH /api/dashboard/incidents/<id> – resolve or reopen, link the causing deployment, mark as outage
// (admins; maintainers of the service's team)
export const PATCH = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const person = requirePerson(principal)
  const { id } = parseBody(idParams, params)
  const input = parseBody(incidentActionSchema, (await readJsonBody(req)).value)
  const { incident, changed } = await changeIncidentByHand(person, auditContextOf(person, req), id, input)
  return Response.json({ data: incident, outcome: changed ? 'updated' : 'unchanged' })
})
