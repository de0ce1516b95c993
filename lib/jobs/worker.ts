import PgBoss from 'pg-boss'
import pg from 'pg'
import { jobs, type JobDefinition } from '@/lib/jobs/registry'
import { logger } from '@/lib/logger'

export type Worker = { stop: () => Promise<void> }

// The job worker: pg-boss keeps jobs in Postgres (schema pgboss), with retries and backoff, so no
// other service is needed.
export async function startWorker(databaseUrl: string, definitions: JobDefinition[] = jobs): Promise<Worker> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 3, schema: 'pgboss' })
  boss.on('error', (err) => logger.error({ err }, 'job queue error'))
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  await boss.start()
  for (const def of definitions) {
    await boss.createQueue(def.name, { name: def.name, retryLimit: 5, retryBackoff: true, retryDelay: 30 })
    await boss.work(def.name, { includeMetadata: true }, async ([job]) => {
      const started = Date.now()
      try {
        await def.run({ pool }, job?.data)
      } catch (err) {
        // the last attempt: leave a visible failure (e.g. the delivery marked failed), then let pg-boss record it
        if (job && def.onFinalFailure && job.retryCount >= job.retryLimit) {
          await def.onFinalFailure(job.data, err instanceof Error ? err.message : String(err)).catch((e: unknown) => logger.error({ err: e }, 'could not record a job failure'))
        }
        throw err
      }
      logger.info({ job: def.name, ms: Date.now() - started }, 'job done')
    })
    if (def.schedule) await boss.schedule(def.name, def.schedule)
  }
  logger.info({ jobs: definitions.map((d) => d.name) }, 'worker started')
  return {
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
      await pool.end()
    },
  }
}
