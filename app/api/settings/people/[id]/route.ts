import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { auditContextOf } from '@/lib/audit/audit-context'
import { changePerson, removePerson } from '@/lib/settings/manage-people'
import { updatePersonSchema, userIdParams } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// PATCH /api/settings/people/<id> – change a person's role and teams (admins; the last admin stays admin)
export const PATCH = route({ access: 'admin' }, async ({ req, principal, params }) => {
  const { id } = parseBody(userIdParams, params)
  const input = parseBody(updatePersonSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await changePerson(auditContextOf(principal, req), id, input) })
})

// DELETE /api/settings/people/<id> – remove a person and end their sessions (admins; never the last admin)
export const DELETE = route({ access: 'admin' }, async ({ req, principal, params }) => {
  const { id } = parseBody(userIdParams, params)
  await removePerson(auditContextOf(principal, req), id)
  return Response.json({ data: { removed: id } })
})
