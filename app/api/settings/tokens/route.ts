import { auditContextOf } from '@/lib/audit/audit-context'
import { requirePerson } from '@/lib/auth/require-person'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { createTokenFor } from '@/lib/settings/manage-tokens'
import { createTokenSchema } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// POST /api/settings/tokens – mint an API token for a team; the answer is the only place the secret appears
// (admins; maintainers of that team)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const person = requirePerson(principal)
  const input = parseBody(createTokenSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await createTokenFor(person, auditContextOf(person, req), input) }, { status: 201, headers: { 'Cache-Control': 'no-store' } })
})
