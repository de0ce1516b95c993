import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { decodeTimeIdCursor, encodeCursor } from '@/lib/http/cursor'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { readTeam } from '@/lib/auth/team-for'
import { listIncidents } from '@/lib/queries/list-incidents'
import { incidentBodySchema, listIncidentsQuery } from '@/lib/validation/incidents'

export const dynamic = 'force-dynamic'

// POST /api/v1/incidents – create or update an incident by its external id
export const POST = route({ access: 'ingest', idempotent: true }, async ({ req, principal: caller }) => {
  const receivedAt = new Date()
  const body = await readJsonBody(req)
  const input = parseBody(incidentBodySchema, body.value)
  const { outcome, incident } = await ingestIncident(caller, input, { raw: body.raw, receivedAt, kind: 'incident' })
  return Response.json({ data: incident, outcome }, { status: outcomeStatus(outcome) })
})

// GET /api/v1/incidents – one team's incidents, newest opened first
export const GET = route({ access: 'read', query: listIncidentsQuery }, async ({ principal, query }) => {
  const team = await readTeam(principal, query.team)
  const after = query.cursor ? decodeTimeIdCursor(query.cursor) : undefined
  const rows = await listIncidents({
    ...query,
    teams: [team.id],
    after: after ? { openedAt: after.time!, id: after.id } : undefined,
  })
  const last = rows.length === query.limit ? rows[rows.length - 1] : undefined
  return Response.json({ data: rows, nextCursor: last ? encodeCursor([last.openedAt.toISOString(), last.id]) : null })
})
