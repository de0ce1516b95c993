import { route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { importSloDocument } from '@/lib/slo-as-code/slos-as-code'
import { importSlosQuery } from '@/lib/validation/slo-documents'

export const dynamic = 'force-dynamic'

// POST /api/v1/slos/import – one OpenSLO v1, Sloth (prometheus/v1) or Pyrra document (as JSON) sets its service's SLO
export const POST = route({ access: 'maintain', query: importSlosQuery }, async ({ req, principal, query }) => {
  const body = await readJsonBody(req)
  return Response.json({ data: await importSloDocument(principal, body.value, query.team) })
})
