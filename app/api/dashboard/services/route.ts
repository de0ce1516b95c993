import { readableTeamIds } from '@/lib/auth/access'
import { formatDate } from '@/lib/format/format-time'
import { route } from '@/lib/http/route'
import { csvResponse } from '@/lib/http/csv-response'
import { parseDashboardQuery } from '@/lib/dashboard/dashboard-query'
import { getServicesTable } from '@/lib/dashboard/services-table'
import { servicesCsvColumns, servicesCsvRow } from '@/lib/dashboard/services-csv'
import { listFilterOptions } from '@/lib/queries/list-filter-options'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/services – the /services table (the filter bar's parameters in the query); format=csv downloads it.
export const GET = route({ access: 'dashboard' }, async ({ req, principal }) => {
  const now = new Date()
  const { p, format } = parseDashboardQuery(req, now)
  const rows = await getServicesTable(p, await listFilterOptions(readableTeamIds(principal)), now)
  if (format === 'json') return Response.json({ data: rows })
  return csvResponse(`plimsoll-services-${formatDate(p.window.from, p.tz)}.csv`, servicesCsvColumns, rows.map(servicesCsvRow))
})
