import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { readTeam, writerForService } from '@/lib/auth/team-for'
import { saveProbeCheck } from '@/lib/probes/ingest-availability'
import { listTeamChecks } from '@/lib/queries/probes/list-probe-checks'
import { listChecksQuery, probeCheckBodySchema } from '@/lib/validation/availability'

export const dynamic = 'force-dynamic'

// POST /api/v1/checks – create or reconfigure a probe check by (service, name)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const body = await readJsonBody(req)
  const input = parseBody(probeCheckBodySchema, body.value)
  const caller = await writerForService(principal, input.service, input.team)
  const { id, created } = await saveProbeCheck(caller, input)
  const [check] = await listTeamChecks(caller.teamId, { id })
  return Response.json({ data: check, outcome: created ? 'created' : 'updated' }, { status: created ? 201 : 200 })
})

// GET /api/v1/checks – the team's checks with their current state
export const GET = route({ access: 'read', query: listChecksQuery }, async ({ principal, query }) => {
  // the service filter is read within the team: another team's service of that slug lists nothing, as a missing one
  const team = await readTeam(principal, query.team)
  return Response.json({ data: await listTeamChecks(team.id, { service: query.service }) })
})
