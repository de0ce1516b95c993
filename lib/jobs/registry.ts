import type pg from 'pg'
import { vacuumAnalyze } from '@/lib/queries/vacuum-analyze'
import { processDelivery } from '@/lib/github/process-delivery'
import { DELIVERY_JOB } from '@/lib/github/receive-delivery'
import { finishDelivery, listDeliveries } from '@/lib/queries/webhook-deliveries'
import { sendJob } from '@/lib/jobs/queue'

export type JobContext = { pool: pg.Pool }
export type JobDefinition = {
  name: string
  // after the last retry fails (the job's data is passed): make the failure visible
  onFinalFailure?: (data: unknown, error: string) => Promise<void>
  // cron (UTC) for jobs the worker schedules itself; others are enqueued by the app
  schedule?: string
  run: (ctx: JobContext, data: unknown) => Promise<void>
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
    name: DELIVERY_JOB,
    run: async (_ctx, data) => {
      await processDelivery((data as { deliveryId: string }).deliveryId)
    },
    onFinalFailure: (data, error) => finishDelivery((data as { deliveryId: string }).deliveryId, 'failed', error),
  },
  {
    // deliveries whose job was never sent (the queue was down) or lost: pending for over a minute
    name: 'github.sweep-deliveries',
    schedule: '* * * * *',
    run: async () => {
      for (const d of await listDeliveries({ state: 'pending', olderThanSeconds: 60, limit: 1000 })) {
        await sendJob(DELIVERY_JOB, { deliveryId: d.deliveryId }, { singletonKey: d.deliveryId })
      }
    },
  },
]
