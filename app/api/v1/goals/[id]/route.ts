import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { removeGoal } from '@/lib/settings/manage-goals'
import { idParams } from '@/lib/validation/common'

export const dynamic = 'force-dynamic'

// DELETE /api/v1/goals/<id> – remove a goal (admins, the team's maintainers, its ingest tokens)
export const DELETE = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id } = parseBody(idParams, params)
  return Response.json({ data: await removeGoal(principal, auditContextOf(principal, req), id) })
})
