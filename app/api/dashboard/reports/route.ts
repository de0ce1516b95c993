import { readableTeamIds } from '@/lib/auth/access'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { limitReportBuilds } from '@/lib/http/request-limits'
import { findReportsBySha256, listReports } from '@/lib/queries/reports/list-reports'
import { startReport } from '@/lib/reports/report-response'
import { buildReportBody, reportLookupQuery } from '@/lib/validation/reports'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/reports – the history of generated reports the caller may read (without their
// content); ?sha256= the stored reports with those bytes (verifying a report handed on)
export const GET = route({ access: 'dashboard', query: reportLookupQuery }, async ({ query, principal }) => {
  const readable = readableTeamIds(principal)
  return Response.json({ reports: query.sha256 ? await findReportsBySha256(query.sha256, readable) : await listReports(readable) })
})

// POST /api/dashboard/reports – build one now for the organisation, a team or a service; answers once it is stored
export const POST = route({ access: 'dashboard' }, async ({ req, principal }) => {
  const body = parseBody(buildReportBody, (await readJsonBody(req)).value)
  await limitReportBuilds(principal)
  const started = await startReport(body, principal, 'dashboard')
  started.stream.resume()
  return Response.json({ report: await started.stored }, { status: 201 })
})
