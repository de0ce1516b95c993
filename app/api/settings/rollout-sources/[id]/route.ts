import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { removeRolloutSource } from '@/lib/settings/manage-rollout-sources'
import { rolloutSourceParams } from '@/lib/validation/rollout-sources'

export const dynamic = 'force-dynamic'

// DELETE /api/settings/rollout-sources/<id> – disconnect a source (its event log goes; deployments stay)
export const DELETE = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id } = parseBody(rolloutSourceParams, params)
  return Response.json({ data: await removeRolloutSource(principal, auditContextOf(principal, req), id) })
})
