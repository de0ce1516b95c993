import { readableTeamIds } from '@/lib/auth/access'
import { formatDate } from '@/lib/format/format-time'
import { route } from '@/lib/http/route'
import { validationError } from '@/lib/http/app-error'
import { csvResponse } from '@/lib/http/csv-response'
import { parseDashboardQuery } from '@/lib/dashboard/dashboard-query'
import { serviceScorecard, teamScorecard } from '@/lib/dashboard/scorecard'
import { scorecardCsvColumns, scorecardCsvRows } from '@/lib/dashboard/scorecard-csv'
import { listFilterOptions } from '@/lib/queries/list-filter-options'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/scorecard – the /teams grid (or, with team=<slug>, that team's services), the filter
// bar's parameters in the query; format=csv downloads it.
export const GET = route({ access: 'dashboard' }, async ({ req, principal }) => {
  const now = new Date()
  const { p, format } = parseDashboardQuery(req, now)
  const options = await listFilterOptions(readableTeamIds(principal))
  const team = p.team ? options.teams.find((t) => t.slug === p.team) : undefined
  if (p.team && !team) throw validationError([{ path: 'team', message: `no team "${p.team}"` }])
  const { total, rows } = team ? await serviceScorecard(p, team, options, now) : await teamScorecard(p, options, now)
  if (format === 'json') return Response.json({ total, rows })
  return csvResponse(`plimsoll-${team ? `team-${team.slug}` : 'teams'}-${formatDate(p.window.from, p.tz)}.csv`, scorecardCsvColumns, scorecardCsvRows([total, ...rows]))
})
