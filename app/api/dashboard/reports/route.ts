import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { listReports } from '@/lib/queries/reports/list-reports'
import { startReport } from '@/lib/reports/report-response'
import { buildReportBody } from '@/lib/validation/reports'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/reports – the history of generated reports (without their content)
export const GET = route({ access: 'dashboard' }, async () => Response.json({ reports: await listReports() }))

// POST /api/dashboard/reports – build one now for the organisation, a team or a service; answers once it is stored
export const POST = route({ access: 'dashboard' }, async ({ req, principal }) => {
  const body = parseBody(buildReportBody, (await readJsonBody(req)).value)
  const started = await startReport(body, principal, 'dashboard')
  started.stream.resume()
  return Response.json({ report: await started.stored }, { status: 201 })
})
