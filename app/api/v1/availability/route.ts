import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { ingestAvailabilityResult } from '@/lib/probes/ingest-availability'
import { ingestRequestWindow } from '@/lib/availability/ingest-request-window'
import { availabilityResultSchema } from '@/lib/validation/availability'
import { isRequestWindowBody, requestWindowSchema } from '@/lib/validation/request-window'

export const dynamic = 'force-dynamic'

// POST /api/v1/availability – one result of an external probe (service, check, at, up, latency), or a window of
// request counts (service, indicator "requests", from, to, good, total) that replaces any window it overlaps
export const POST = route({ access: 'ingest', idempotent: true }, async ({ req, principal: caller }) => {
  const receivedAt = new Date()
  const body = await readJsonBody(req)
  const raw = { raw: body.raw, receivedAt, kind: 'availability' }
  const { outcome, result } = isRequestWindowBody(body.value)
    ? await ingestRequestWindow(caller, parseBody(requestWindowSchema, body.value), raw)
    : await ingestAvailabilityResult(caller, parseBody(availabilityResultSchema, body.value), raw)
  return Response.json({ data: result, outcome }, { status: outcomeStatus(outcome) })
})
