import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { auditContextOf } from '@/lib/audit/audit-context'
import { updateTeamAs } from '@/lib/settings/manage-teams'
import { updateTeamSchema, slugParams } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// PATCH /api/settings/teams/<slug> – rename a team or set its digest's time zone (admins; the slug stays)
export const PATCH = route({ access: 'admin' }, async ({ req, principal, params }) => {
  const { slug } = parseBody(slugParams, params)
  const input = parseBody(updateTeamSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await updateTeamAs(auditContextOf(principal, req), slug, input) })
})
