import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { removeSourceRule } from '@/lib/settings/manage-incident-sources'
import { sourceRuleParams } from '@/lib/validation/incident-sources'

export const dynamic = 'force-dynamic'

// DELETE /api/settings/incident-sources/<id>/rules/<rule id>
export const DELETE = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id, ruleId } = parseBody(sourceRuleParams, params)
  return Response.json({ data: await removeSourceRule(principal, auditContextOf(principal, req), id, ruleId) })
})
