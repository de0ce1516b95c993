import type pg from 'pg'
import { lastCompletedQuarter, quarterPeriod } from '@/lib/reports/period'
import { insertPendingReports } from '@/lib/queries/reports/pending-reports'

/**
 * Queues the organisation's quarterly reports of the last two completed quarters, each as of the first
 * instant of the quarter after it, in the load's transaction. The worker (a pump and the reports.pending
 * job, lib/jobs/registry.ts) makes and stores them as the quarter-end job does (PDF, source schedule) once
 * the app runs: building the PDFs is the slow part, and the demo is there without them. (The quarter-end
 * job makes one per team too; the demo keeps to the organisation's.)
 */
export async function queueDemoReports(client: pg.ClientBase, now: number): Promise<number> {
  const { year, quarter } = lastCompletedQuarter(new Date(now))
  const last = quarterPeriod(year, quarter, 'UTC')
  const asOf = [last.from, last.to]
  await insertPendingReports(client, asOf.map((at) => ({ team: null, asOf: at })))
  return asOf.length
}
