import { auditContextOf } from '@/lib/audit/audit-context'
import { requirePerson } from '@/lib/auth/require-person'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { changeService } from '@/lib/settings/manage-services'
import { serviceTeamQuery, slugParams, updateServiceSchema } from '@/lib/validation/settings'

export const dynamic = 'force-dynamic'

// PATCH /api/settings/services/<slug>[?team=<its team>] – rename, map a repository and path prefixes, move to another team
// (admins; maintainers of the service's team, and of the new team when moving)
export const PATCH = route({ access: 'maintain', query: serviceTeamQuery }, async ({ req, principal, params, query }) => {
  const person = requirePerson(principal)
  const { slug } = parseBody(slugParams, params)
  const input = parseBody(updateServiceSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await changeService(person, auditContextOf(person, req), slug, query.team, input) })
})
