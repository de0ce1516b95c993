import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { createTeam } from '@/lib/queries/settings/teams'
import { createTeamSchema } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// POST /api/settings/teams – create a team (admins)
export const POST = route({ access: 'admin' }, async ({ req }) => {
  const input = parseBody(createTeamSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await createTeam(input) }, { status: 201 })
})
