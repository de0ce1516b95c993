import type pg from 'pg'
import { vacuumAnalyze } from '@/lib/queries/vacuum-analyze'

export type JobContext = { pool: pg.Pool }
export type JobDefinition = {
  name: string
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
]
