import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { saveServiceSlo } from '@/lib/probes/ingest-availability'
import { sloBodySchema } from '@/lib/validation/availability'

export const dynamic = 'force-dynamic'

// POST /api/v1/slos – a service's availability target and error budget window
export const POST = route({ auth: 'token' }, async ({ req, caller }) => {
  const body = await readJsonBody(req)
  const input = parseBody(sloBodySchema, body.value)
  return Response.json({ data: await saveServiceSlo(caller, input) })
})
