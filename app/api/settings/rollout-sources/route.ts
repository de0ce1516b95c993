import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { addRolloutSource, rolloutSourcesFor } from '@/lib/settings/manage-rollout-sources'
import { createRolloutSourceSchema } from '@/lib/validation/rollout-sources'

export const dynamic = 'force-dynamic'

// GET /api/settings/rollout-sources – the readable teams' Flagger and Argo Rollouts sources and their latest events (people)
export const GET = route({ access: 'dashboard' }, async ({ principal }) => Response.json({ data: await rolloutSourcesFor(principal) }))

// POST /api/settings/rollout-sources – connect Flagger or Argo Rollouts (admins, the team's maintainers); the token is in this answer only
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const input = parseBody(createRolloutSourceSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addRolloutSource(principal, auditContextOf(principal, req), input) }, { status: 201 })
})
