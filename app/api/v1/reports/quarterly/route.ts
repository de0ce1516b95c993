import { route } from '@/lib/http/route'
import { limitReportBuilds } from '@/lib/http/request-limits'
import { startReport, streamResponse } from '@/lib/reports/report-response'
import { quarterlyReportQuery } from '@/lib/validation/reports'

export const dynamic = 'force-dynamic'

// GET /api/v1/reports/quarterly – a quarter's (or a window's) report for the token's team or one of its services, streamed
export const GET = route({ access: 'reports', query: quarterlyReportQuery }, async ({ principal, query }) => {
  await limitReportBuilds(principal)
  return streamResponse(await startReport(query, principal, 'api'))
})
