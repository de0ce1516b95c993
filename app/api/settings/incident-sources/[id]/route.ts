import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { removeIncidentSource } from '@/lib/settings/manage-incident-sources'
import { sourceParams } from '@/lib/validation/incident-sources'

export const dynamic = 'force-dynamic'

// DELETE /api/settings/incident-sources/<id> – disconnect a source (its rules and event log go; incidents stay)
export const DELETE = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id } = parseBody(sourceParams, params)
  return Response.json({ data: await removeIncidentSource(principal, auditContextOf(principal, req), id) })
})
