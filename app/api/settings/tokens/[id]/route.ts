import { auditContextOf } from '@/lib/audit/audit-context'
import { requirePerson } from '@/lib/auth/require-person'
import { parseBody, route } from '@/lib/http/route'
import { revokeTokenFor } from '@/lib/settings/manage-tokens'
import { idParams } from '@/lib/validation/common'

export const dynamic = 'force-dynamic'

// DELETE /api/settings/tokens/<id> – revoke an API token (admins; maintainers of its team)
export const DELETE = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const person = requirePerson(principal)
  const { id } = parseBody(idParams, params)
  return Response.json({ data: await revokeTokenFor(person, auditContextOf(person, req), id) })
})
