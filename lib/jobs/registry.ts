import type pg from 'pg'
import type PgBoss from 'pg-boss'
import { z } from 'zod'
import { analyzeStaleTables } from '@/lib/queries/analyze-stale-tables'
import { vacuumAnalyze } from '@/lib/queries/vacuum-analyze'
import { compactRollups } from '@/lib/queries/compact-rollups'
import { deleteExpiredIdempotencyKeys } from '@/lib/queries/idempotency-keys'
import { pruneRateLimitBuckets } from '@/lib/queries/rate-limit-buckets'
import { processDelivery } from '@/lib/github/process-delivery'
import { processGitlabDelivery } from '@/lib/gitlab/process-delivery'
import { reconcileGithub } from '@/lib/github/reconcile'
import { generateQuarterEndReports, storeQuarterEndReport } from '@/lib/reports/quarter-end-reports'
import { claimPendingReports, insertPendingReports } from '@/lib/queries/reports/pending-reports'
import { pool } from '@/lib/db'
import { evaluateBurnAlerts } from '@/lib/alerts/evaluate-burn-alerts'
import { evaluateGoals } from '@/lib/alerts/evaluate-goals'
import { sendDueDigests } from '@/lib/alerts/weekly-digest'
import { notifyDeliverJob, notifyPump } from '@/lib/notify/notify-jobs'
import { claimDeliveriesToEnqueue, finishDelivery, unclaimDeliveries } from '@/lib/queries/webhook-deliveries'

// insert: enqueue jobs through the worker's own queue client
const DELIVERY_JOB = 'github.delivery'
const GITLAB_DELIVERY_JOB = 'gitlab.delivery'
const PENDING_REPORT_JOB = 'reports.pending'
const pendingReportData = z.object({ team: z.string().nullable(), asOf: z.coerce.date() })

export type JobContext = { pool: pg.Pool; insert: (jobs: PgBoss.JobInsert[]) => Promise<void> }
export type JobDefinition = {
  name: string
  // after the last retry fails (the job's data is passed): make the failure visible
  onFinalFailure?: (data: unknown, error: string) => Promise<void>
  // a job still running after this long is failed (and retried): one hung job must not hold its batch
  timeoutSeconds?: number
  // a job (a whole fetched batch) still active after this long counts as lost, e.g. its worker was
  // killed, and is retried; default 15 minutes
  expireInSeconds?: number
  // busy queues: fetch this many per poll and run `concurrency` at once (default 1 and 1, every 2 s)
  batchSize?: number
  concurrency?: number
  pollingIntervalSeconds?: number

  // retries with backoff (default 5 from 30 s: 30 s, 1, 2, 4, 8 min)
  retry?: { limit: number; delaySeconds: number }
  // cron (UTC) for jobs the worker schedules itself; others are enqueued by the app
  schedule?: string
  run: (ctx: JobContext, data: unknown) => Promise<void>
}

// A stored webhook delivery's job (data: { deliveryId }): the last failed retry marks the delivery failed.
function deliveryJob(name: string, process: (deliveryId: string) => Promise<unknown>, size: { batchSize: number; concurrency: number }): JobDefinition {
  return {
    // a batch of 200 takes seconds; after a worker crash its deliveries are retried within ~3 minutes
    name, ...size, timeoutSeconds: 60, expireInSeconds: 120, pollingIntervalSeconds: 0.5,
    run: async (_ctx, data) => {
      await process((data as { deliveryId: string }).deliveryId)
    },
    onFinalFailure: (data, error) => finishDelivery((data as { deliveryId: string }).deliveryId, 'failed', error),
  }
}

// Every job the worker process knows. Later features add theirs here.
export const jobs: JobDefinition[] = [
  {
    name: 'maintenance.vacuum-analyze',
    schedule: '17 * * * *',
    run: async ({ pool }) => {
      const client = await pool.connect()
      try {
        await vacuumAnalyze(client)
      } finally {
        client.release()
      }
    },
  },
  {
    // fresh planner statistics for tables that grew or changed by a tenth, every minute: a young
    // database on a server without autovacuum would wait for the hourly job above
    name: 'maintenance.analyze-stale-tables',
    schedule: '* * * * *',
    run: async ({ pool }) => {
      await analyzeStaleTables(pool)
    },
  },
  {
    // ingest appends rollup deltas (lead-time histograms, deployment counts); folding them keeps the
    // dashboard's reads small
    name: 'maintenance.compact-rollups',
    schedule: '*/10 * * * *',
    run: async ({ pool }) => {
      await compactRollups(pool)
    },
  },
  {
    // Idempotency-Key answers are replayed for 24 hours (lib/http/idempotency.ts)
    name: 'maintenance.expire-idempotency-keys',
    schedule: '23 * * * *',
    run: async ({ pool }) => {
      await deleteExpiredIdempotencyKeys(pool)
    },
  },
  {
    // rate-limit buckets unused for a day are full again: their rows change no answer (lib/http/rate-limit.ts)
    name: 'maintenance.prune-rate-limit-buckets',
    schedule: '47 * * * *',
    run: async ({ pool }) => {
      await pruneRateLimitBuckets('1 day', pool)
    },
  },
  deliveryJob(DELIVERY_JOB, processDelivery, { batchSize: 200, concurrency: 4 }),
  deliveryJob(GITLAB_DELIVERY_JOB, processGitlabDelivery, { batchSize: 100, concurrency: 2 }),
  {
    // GitHub does not retry failed deliveries: re-read the last two days of every mapped repository
    name: 'github.reconcile',
    schedule: '41 * * * *',
    run: async () => {
      await reconcileGithub()
    },
  },
  {
    // SLO burn-rate alerts (docs/notifications.md): the workbook's rules at every minute over probe samples
    name: 'alerts.burn-rate',
    schedule: '* * * * *',
    timeoutSeconds: 50,
    run: async () => {
      await evaluateBurnAlerts(new Date())
    },
  },
  {
    // goals against the last 30 days; a crossing is sent once (docs/metrics.md "Goals")
    name: 'alerts.goals',
    schedule: '7 * * * *',
    timeoutSeconds: 600,
    run: async () => {
      await evaluateGoals(new Date())
    },
  },
  {
    // weekly digests: due at 09:00 on Monday in each team's zone (quarter-hour zones too), once per team and week
    name: 'alerts.weekly-digest',
    schedule: '*/15 * * * *',
    timeoutSeconds: 600,
    run: async () => {
      await sendDueDigests(new Date())
    },
  },
  {
    // the quarter just ended: organisation and team reports (PDF), stored for the /reports history
    name: 'reports.quarter-end',
    schedule: '30 0 1 1,4,7,10 *',
    timeoutSeconds: 900,
    run: async () => {
      await generateQuarterEndReports()
    },
  },
  {
    // a queued quarter-end report (pending_report: the demo's two); a retry skips it once it is stored
    name: PENDING_REPORT_JOB,
    timeoutSeconds: 900,
    pollingIntervalSeconds: 1,
    run: async (_ctx, data) => {
      const { team, asOf } = pendingReportData.parse(data)
      await storeQuarterEndReport(team ?? undefined, asOf)
    },
  },
  // alerts to a team's channels (lib/notify), one job per delivery
  notifyDeliverJob(),
]

// Loops the worker runs every `intervalMs` between jobs (an outbox pump: rows to jobs).
export type Pump = { name: string; intervalMs: number; run: (ctx: JobContext) => Promise<number> }

const DELIVERY_BATCH = 500
export const pumps: Pump[] = [
  {
    // stored GitHub deliveries -> github.delivery jobs, a batch at a time; a failed insert gives them back
    name: 'github.enqueue-deliveries',
    intervalMs: 1_000,
    run: async ({ insert }) => {
      const claimed = await claimDeliveriesToEnqueue(DELIVERY_BATCH)
      if (claimed.length === 0) return 0
      try {
        // retries come from the queue's settings (lib/jobs/worker.ts)
        await insert(claimed.map((d) => ({ name: d.provider === 'gitlab' ? GITLAB_DELIVERY_JOB : DELIVERY_JOB, data: { deliveryId: d.deliveryId } })))
      } catch (err) {
        await unclaimDeliveries(claimed.map((d) => d.deliveryId))
        throw err
      }
      return claimed.length
    },
  },
  {
    // queued quarter-end reports -> reports.pending jobs; a failed insert puts them back in the queue
    name: 'reports.enqueue-pending',
    intervalMs: 10_000,
    run: async ({ insert }) => {
      const claimed = await claimPendingReports(10)
      if (claimed.length === 0) return 0
      try {
        await insert(claimed.map((r) => ({ name: PENDING_REPORT_JOB, data: { team: r.team, asOf: r.asOf.toISOString() } })))
      } catch (err) {
        await insertPendingReports(pool(), claimed)
        throw err
      }
      return claimed.length
    },
  },
  notifyPump,
]
