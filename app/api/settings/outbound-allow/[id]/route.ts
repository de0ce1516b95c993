import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { removeOutboundAllow } from '@/lib/settings/manage-outbound-allow'
import { idParams } from '@/lib/validation/common'

export const dynamic = 'force-dynamic'

// DELETE /api/settings/outbound-allow/<id> – take an entry off the outbound allow-list (admins)
export const DELETE = route({ access: 'admin' }, async ({ req, principal, params }) => {
  const { id } = parseBody(idParams, params)
  return Response.json({ data: await removeOutboundAllow(auditContextOf(principal, req), id) })
})
