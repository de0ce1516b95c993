import { z } from 'zod'
import { route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { decodeTimeIdCursor, encodeCursor } from '@/lib/http/cursor'
import { parseDeploymentRequest } from '@/lib/ingest/parse-deployment-request'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { readTeam } from '@/lib/auth/team-for'
import { listDeployments } from '@/lib/queries/list-deployments'
import { listDeploymentsQuery } from '@/lib/validation/deployments'
import { slugSchema } from '@/lib/validation/common'

export const dynamic = 'force-dynamic'

// POST /api/v1/deployments – record a deployment and its commits (our body or DevLake's webhook body)
export const POST = route({ access: 'ingest', idempotent: true, query: z.object({ service: slugSchema.optional() }) }, async ({ req, principal: caller, query }) => {
  const receivedAt = new Date()
  const body = await readJsonBody(req)
  const { inputs, shape } = parseDeploymentRequest(body.value, receivedAt, query.service)
  const { outcome, deployments } = await ingestDeployments(caller, inputs, { raw: body.raw, receivedAt, kind: 'deployment' })
  const data = shape === 'native' ? deployments[0] : deployments
  return Response.json({ data, outcome }, { status: outcomeStatus(outcome) })
})

// GET /api/v1/deployments – one team's deployments, in progress first then newest finished
export const GET = route({ access: 'read', query: listDeploymentsQuery }, async ({ principal, query }) => {
  const team = await readTeam(principal, query.team)
  const after = query.cursor ? decodeTimeIdCursor(query.cursor, { nullableTime: true }) : undefined
  const rows = await listDeployments({
    ...query,
    teamId: team.id,
    after: after ? { finishedAt: after.time, id: after.id } : undefined,
  })
  const last = rows.length === query.limit ? rows[rows.length - 1] : undefined
  return Response.json({ data: rows, nextCursor: last ? encodeCursor([last.finishedAt?.toISOString() ?? null, last.id]) : null })
})
