import { auditContextOf } from '@/lib/audit/audit-context'
import { requirePerson } from '@/lib/auth/require-person'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { addService } from '@/lib/settings/manage-services'
import { createServiceSchema } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// POST /api/settings/services – create a service in a team (admins, maintainers of that team)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const person = requirePerson(principal)
  const input = parseBody(createServiceSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addService(person, auditContextOf(person, req), input) }, { status: 201 })
})
