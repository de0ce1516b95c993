import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { writerForService } from '@/lib/auth/team-for'
import { saveServiceSlo } from '@/lib/probes/ingest-availability'
import { sloBodySchema } from '@/lib/validation/availability'

export const dynamic = 'force-dynamic'

// POST /api/v1/slos – a service's availability target and error budget window
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const body = await readJsonBody(req)
  const input = parseBody(sloBodySchema, body.value)
  return Response.json({ data: await saveServiceSlo(await writerForService(principal, input.service, input.team), input) })
})
