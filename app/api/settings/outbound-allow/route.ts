import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { addOutboundAllow } from '@/lib/settings/manage-outbound-allow'
import { outboundAllowBodySchema } from '@/lib/validation/outbound-allow'

export const dynamic = 'force-dynamic'

// POST /api/settings/outbound-allow – allow checks to reach an internal host or address range (admins)
export const POST = route({ access: 'admin' }, async ({ req, principal }) => {
  const input = parseBody(outboundAllowBodySchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addOutboundAllow(auditContextOf(principal, req), input) }, { status: 201 })
})
