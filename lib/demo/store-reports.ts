import { lastCompletedQuarter, quarterPeriod } from '@/lib/reports/period'
import { storeQuarterEndReport } from '@/lib/reports/quarter-end-reports'

/**
 * The organisation's quarterly reports of the last two completed quarters, made and stored by the
 * worker's quarter-end job as it runs once a quarter has ended (PDF, source schedule), each as of the
 * first instant of the quarter after it. (The job makes one per team too; the demo keeps its load short.)
 */
export async function storeDemoReports(now: number): Promise<number> {
  const { year, quarter } = lastCompletedQuarter(new Date(now))
  const last = quarterPeriod(year, quarter, 'UTC')
  const made = await Promise.all([last.from, last.to].map((at) => storeQuarterEndReport(undefined, at)))
  return made.filter(Boolean).length
}
