import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { ingestAvailabilityResult } from '@/lib/probes/ingest-availability'
import { availabilityResultSchema } from '@/lib/validation/availability'

export const dynamic = 'force-dynamic'

// POST /api/v1/availability – one result of an external probe (service, check, at, up, latency)
export const POST = route({ access: 'ingest', idempotent: true }, async ({ req, principal: caller }) => {
  const receivedAt = new Date()
  const body = await readJsonBody(req)
  const input = parseBody(availabilityResultSchema, body.value)
  const { outcome, result } = await ingestAvailabilityResult(caller, input, { raw: body.raw, receivedAt, kind: 'availability' })
  return Response.json({ data: result, outcome }, { status: outcomeStatus(outcome) })
})
