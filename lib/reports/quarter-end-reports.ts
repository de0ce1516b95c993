import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { findScheduledReportId } from '@/lib/queries/reports/list-reports'
import { notifyReport } from '@/lib/alerts/report-notice'
import { generateReport } from '@/lib/reports/generate-report'
import { lastCompletedQuarter, quarterPeriod } from '@/lib/reports/period'
import { resolveReportScope } from '@/lib/reports/resolve-report-scope'
import { logger } from '@/lib/logger'

// At a quarter's end: the quarter just ended, as PDF, for the organisation and for every team, each
// once (a rerun or a retry skips the reports already stored).
export async function generateQuarterEndReports(now = new Date()): Promise<number> {
  const { teams } = await listFilterOptions('all')
  let made = 0
  for (const team of [undefined, ...teams.map((t) => t.slug)]) {
    if (await storeQuarterEndReport(team, now)) made++
  }
  return made
}

// The quarter-end report of the organisation (no team) or of one team, unless it is stored already, and
// its notice to the team's channels (sent again by a rerun after a failure: its key keeps it to one copy).
export async function storeQuarterEndReport(team: string | undefined, now: Date): Promise<boolean> {
  const { year, quarter } = lastCompletedQuarter(now)
  const period = quarterPeriod(year, quarter, 'UTC')
  const existing = await findScheduledReportId(team ? 'team' : 'org', team ?? null, period.from)
  if (existing !== null) {
    await notifyReport(existing, team)
    return false
  }
  const scope = await resolveReportScope({ team })
  const params = { year, quarter, tz: 'UTC', benchmark: 'dora-2023', format: 'pdf', paper: 'a4', ...(team ? { team } : {}) }
  const r = await generateReport({ scope, period, tz: 'UTC', benchmark: 'dora-2023' }, { format: 'pdf', paper: 'a4', source: 'schedule', params }, now)
  r.stream.resume()
  const stored = await r.stored
  logger.info({ report: stored.id, team: team ?? null, period: period.label }, 'quarter-end report stored')
  await notifyReport(stored.id, team)
  return true
}
