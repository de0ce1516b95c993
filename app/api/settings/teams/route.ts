import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { auditContextOf } from '@/lib/audit/audit-context'
import { addTeam } from '@/lib/settings/manage-teams'
import { createTeamSchema } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// POST /api/settings/teams – create a team (admins)
export const POST = route({ access: 'admin' }, async ({ req, principal }) => {
  const input = parseBody(createTeamSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addTeam(auditContextOf(principal, req), input) }, { status: 201 })
})
