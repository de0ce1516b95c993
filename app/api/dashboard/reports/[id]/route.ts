import { readableTeamIds } from '@/lib/auth/access'
import { AppError } from '@/lib/http/app-error'
import { parseBody, route } from '@/lib/http/route'
import { getReportContent } from '@/lib/queries/reports/list-reports'
import { reportFilename } from '@/lib/reports/generate-report'
import { idParams } from '@/lib/validation/common'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/reports/<id> – a stored report's exact bytes, with their SHA-256 (another team's,
// for a team-only reader, is not found)
export const GET = route({ access: 'dashboard' }, async ({ params, principal }) => {
  const { id } = parseBody(idParams, params)
  const r = await getReportContent(id, readableTeamIds(principal))
  if (!r) throw new AppError('NOT_FOUND', `no report ${id}`)
  return new Response(new Uint8Array(r.content), {
    headers: { 'Content-Type': r.contentType, 'Content-Disposition': `attachment; filename="${reportFilename(r, r.id)}"`, 'X-Content-SHA256': r.sha256, 'Cache-Control': 'private, max-age=31536000, immutable' },
  })
})
