import { route } from '@/lib/http/route'
import { resolveService } from '@/lib/auth/resolve-service'
import { getLatestPostureScan } from '@/lib/queries/compliance/get-posture-matrix'
import { matrixView } from '@/lib/compliance/posture-view'
import { postureQuery } from '@/lib/validation/posture-scans'

export const dynamic = 'force-dynamic'

// GET /api/v1/posture?service=[&team=] – the controls matrix of the service's latest posture scan: per
// workload, each control pass, fail or not_checked, with the failing checks
export const GET = route({ access: 'read', query: postureQuery }, async ({ principal, query }) => {
  // slugs are unique per team: another team's service of that slug is answered like a slug nobody has
  const service = await resolveService(principal, query.service, query.team)
  const latest = await getLatestPostureScan(service.id)
  return Response.json({ data: { service: service.slug, scan: latest?.scan ?? null, ...matrixView(latest?.cells ?? []) } })
})
