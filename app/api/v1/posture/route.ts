import { route } from '@/lib/http/route'
import { assertCanReadTeam } from '@/lib/auth/access'
import { validationError } from '@/lib/http/app-error'
import { getServiceBySlug } from '@/lib/queries/get-service-by-slug'
import { getLatestPostureScan } from '@/lib/queries/compliance/get-posture-matrix'
import { matrixView } from '@/lib/compliance/posture-view'
import { postureQuery } from '@/lib/validation/posture-scans'

export const dynamic = 'force-dynamic'

// GET /api/v1/posture?service= – the controls matrix of the service's latest posture scan: per
// workload, each control pass, fail or not_checked, with the failing checks
export const GET = route({ access: 'read', query: postureQuery }, async ({ principal, query }) => {
  const service = await getServiceBySlug(query.service)
  if (!service) throw validationError([{ path: 'service', message: `no service "${query.service}"` }])
  assertCanReadTeam(principal, { id: service.teamId, slug: query.service }, `service "${query.service}"`)
  const latest = await getLatestPostureScan(service.id)
  return Response.json({ data: { service: service.slug, scan: latest?.scan ?? null, ...matrixView(latest?.cells ?? []) } })
})
