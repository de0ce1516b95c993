import { route } from '@/lib/http/route'
import { exportOpenSlo } from '@/lib/slo-as-code/slos-as-code'
import { exportSlosQuery } from '@/lib/validation/slo-documents'

export const dynamic = 'force-dynamic'

// GET /api/v1/slos/export – the team's SLOs (or one service's) as OpenSLO v1 documents
export const GET = route({ access: 'read', query: exportSlosQuery }, async ({ principal, query }) =>
  Response.json({ data: await exportOpenSlo(principal, query) }))
