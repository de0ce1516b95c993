import { auditContextOf } from '@/lib/audit/audit-context'
import { requirePerson } from '@/lib/auth/require-person'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { createIncidentByHand } from '@/lib/incidents/manual-incident'
import { manualIncidentSchema } from '@/lib/validation/incidents'

export const dynamic = 'force-dynamic'

// POST /api/dashboard/incidents – open an incident by hand (admins; maintainers of the service's team)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const person = requirePerson(principal)
  const input = parseBody(manualIncidentSchema, (await readJsonBody(req)).value)
  const { incident } = await createIncidentByHand(person, auditContextOf(person, req), input)
  return Response.json({ data: incident }, { status: 201 })
})
