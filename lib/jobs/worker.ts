import PgBoss from 'pg-boss'
import pg from 'pg'
import { jobs, pumps, type JobContext, type JobDefinition, type Pump } from '@/lib/jobs/registry'
import { logger } from '@/lib/logger'

export type Worker = { stop: () => Promise<void> }

// The job worker: pg-boss keeps jobs in Postgres (schema pgboss), with retries and backoff, so no
// other service is needed.
export async function startWorker(databaseUrl: string, definitions: JobDefinition[] = jobs, pumpList: Pump[] = pumps): Promise<Worker> {
  // supervise every 30 s (default 120 s): a job whose worker died is found expired and retried sooner
  const boss = new PgBoss({ connectionString: databaseUrl, max: 3, schema: 'pgboss', maintenanceIntervalSeconds: 30 })
  boss.on('error', (err) => logger.error({ err }, 'job queue error'))
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  await boss.start()
  const ctx: JobContext = { pool, insert: (batch) => boss.insert(batch) }
  for (const def of definitions) {
    // a job still active after expireInSeconds is retried: its worker was killed mid-job (pg-boss's
    // default is 15 minutes); updateQueue applies a changed setting to a queue created earlier
    const queue = { name: def.name, retryLimit: def.retry?.limit ?? 5, retryBackoff: true, retryDelay: def.retry?.delaySeconds ?? 30, expireInSeconds: def.expireInSeconds ?? 15 * 60 }
    await boss.createQueue(def.name, queue)
    await boss.updateQueue(def.name, queue)
    // pg-boss waits a polling interval after every fetch, so throughput is batch size / interval:
    // busy queues fetch batches and run them a few at a time, each job failing (and retrying) alone
    const batchSize = def.batchSize ?? 1
    await boss.work(def.name, { includeMetadata: true, batchSize, pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2 }, async (batch) => {
      const failed = await runAll(batch, def.concurrency ?? 1, (job) => runJob(def, ctx, job))
      if (batchSize === 1 && failed[0]) throw failed[0].error
      for (const { job, error } of failed) await boss.fail(def.name, job.id, { message: error instanceof Error ? error.message : String(error) })
    })
    if (def.schedule) await boss.schedule(def.name, def.schedule)
  }
  const stopPumps = runPumps(pumpList, ctx)
  logger.info({ jobs: definitions.map((d) => d.name), pumps: pumpList.map((p) => p.name) }, 'worker started')
  return {
    stop: async () => {
      await stopPumps()
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
      await pool.end()
    },
  }
}

type Job = PgBoss.JobWithMetadata<unknown>

async function runJob(def: JobDefinition, ctx: JobContext, job: Job): Promise<void> {
  const started = Date.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${def.timeoutSeconds} s`)), (def.timeoutSeconds ?? 900) * 1000)
    })
    await Promise.race([def.run(ctx, job.data), timeout])
  } catch (err) {
    // the last attempt: leave a visible failure (e.g. the delivery marked failed), then let pg-boss record it
    if (def.onFinalFailure && job.retryCount >= job.retryLimit) {
      await def.onFinalFailure(job.data, err instanceof Error ? err.message : String(err)).catch((e: unknown) => logger.error({ err: e }, 'could not record a job failure'))
    }
    throw err
  } finally {
    clearTimeout(timer)
  }
  logger.debug({ job: def.name, ms: Date.now() - started }, 'job done')
}

// Runs every job, `concurrency` at a time; returns the ones that threw.
async function runAll(jobs: Job[], concurrency: number, run: (job: Job) => Promise<void>): Promise<{ job: Job; error: unknown }[]> {
  const failed: { job: Job; error: unknown }[] = []
  let next = 0
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      await run(jobs[i]!).catch((error: unknown) => failed.push({ job: jobs[i]!, error }))
    }
  }))
  return failed
}

// Each pump runs again at once while it finds work, else after its interval; stop waits for a running round.
function runPumps(list: Pump[], ctx: JobContext): () => Promise<void> {
  let stopping = false
  const sleepers = new Set<() => void>()
  const loops = list.map(async (p) => {
    while (!stopping) {
      const found = await p.run(ctx).catch((err: unknown) => {
        logger.error({ err, pump: p.name }, 'pump round failed')
        return 0
      })
      if (found === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          sleepers.add(resolve)
          setTimeout(resolve, p.intervalMs)
        })
      }
    }
  })
  return async () => {
    stopping = true
    for (const wake of sleepers) wake()
    await Promise.all(loops)
  }
}
