import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { auditContextOf } from '@/lib/audit/audit-context'
import { addPerson } from '@/lib/settings/manage-people'
import { createPersonSchema } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// POST /api/settings/people – add a person with a role, teams and optionally a first password (admins)
export const POST = route({ access: 'admin' }, async ({ req, principal }) => {
  const input = parseBody(createPersonSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addPerson(auditContextOf(principal, req), input) }, { status: 201 })
})
