import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { assertServiceReadable } from '@/lib/auth/assert-service-readable'
import { saveProbeCheck } from '@/lib/probes/ingest-availability'
import { listTeamChecks } from '@/lib/queries/probes/list-probe-checks'
import { listChecksQuery, probeCheckBodySchema } from '@/lib/validation/availability'

export const dynamic = 'force-dynamic'

// POST /api/v1/checks – create or reconfigure a probe check by (service, name)
export const POST = route({ auth: 'token' }, async ({ req, caller }) => {
  const body = await readJsonBody(req)
  const input = parseBody(probeCheckBodySchema, body.value)
  const { id, created } = await saveProbeCheck(caller, input)
  const [check] = await listTeamChecks(caller.teamId, { id })
  return Response.json({ data: check, outcome: created ? 'created' : 'updated' }, { status: created ? 201 : 200 })
})

// GET /api/v1/checks – the team's checks with their current state
export const GET = route({ auth: 'token', query: listChecksQuery }, async ({ caller, query }) => {
  await assertServiceReadable(caller, query.service)
  return Response.json({ data: await listTeamChecks(caller.teamId, { service: query.service }) })
})
