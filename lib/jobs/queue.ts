import PgBoss from 'pg-boss'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'

// Sending jobs from the web process: a pg-boss client that only sends (the worker process supervises,
// schedules and creates the schema). A send that fails is not lost work: the sweep job picks up
// deliveries still pending a minute later.
const globalForQueue = globalThis as unknown as { plimsollQueue?: Promise<PgBoss> }

function queue(): Promise<PgBoss> {
  globalForQueue.plimsollQueue ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, schema: 'pgboss', max: 2, supervise: false, schedule: false, migrate: false })
    boss.on('error', (err) => logger.warn({ err }, 'job queue client error'))
    await boss.start()
    return boss
  })().catch((err) => {
    globalForQueue.plimsollQueue = undefined
    throw err
  })
  return globalForQueue.plimsollQueue
}

export async function sendJob(name: string, data: object, options: { singletonKey?: string } = {}): Promise<boolean> {
  try {
    await (await queue()).send(name, data, options)
    return true
  } catch (err) {
    logger.warn({ err, job: name }, 'could not enqueue; the sweep will pick it up')
    return false
  }
}
