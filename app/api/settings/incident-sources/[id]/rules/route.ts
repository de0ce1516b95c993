import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { addSourceRule } from '@/lib/settings/manage-incident-sources'
import { createSourceRuleSchema, sourceParams } from '@/lib/validation/incident-sources'

export const dynamic = 'force-dynamic'

// POST /api/settings/incident-sources/<id>/rules – map events by service, tag or label to a service of the team
export const POST = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id } = parseBody(sourceParams, params)
  const input = parseBody(createSourceRuleSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addSourceRule(principal, auditContextOf(principal, req), id, input) }, { status: 201 })
})
