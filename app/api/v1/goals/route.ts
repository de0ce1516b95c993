import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { goalsFor, saveGoal } from '@/lib/settings/manage-goals'
import { goalBodySchema, listGoalsQuery } from '@/lib/validation/goals'

export const dynamic = 'force-dynamic'

// GET /api/v1/goals – the goals of the teams the caller may read
export const GET = route({ access: 'read', query: listGoalsQuery }, async ({ principal, query }) => Response.json({ data: await goalsFor(principal, query) }))

// POST /api/v1/goals – set a team's or a service's target for a metric (admins, the team's maintainers, its ingest tokens)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const input = parseBody(goalBodySchema, (await readJsonBody(req)).value)
  return Response.json({ data: await saveGoal(principal, auditContextOf(principal, req), input) })
})
