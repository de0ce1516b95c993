// The job worker process (started by npm start next to the web server).
import { env } from '@/lib/env'
import { startWorker, type Worker } from '@/lib/jobs/worker'
import { logger } from '@/lib/logger'
import { startLeadership, type Leadership } from '@/lib/probes/leader'
import { startProbeService } from '@/lib/probes/probe-service'

// Ctrl-C reaches the whole process group and npm start also sends SIGTERM: stop once, and a signal
// that arrives while the worker is still starting stops it as soon as it has started.
let worker: Worker | undefined
let probes: Leadership | undefined
let stopping: Promise<void> | undefined
const stop = async () => {
  stopping ??= (async () => {
    while (!worker) await new Promise((r) => setTimeout(r, 50))
    await probes?.stop().catch((err: unknown) => logger.error({ err }, 'probe scheduler stop failed'))
    await worker.stop().catch((err: unknown) => logger.error({ err }, 'worker stop failed'))
  })()
  await stopping
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

// the availability probes run here too, on their own timers (lib/probes), in one worker process at a
// time: the leader (lib/probes/leader.ts)
probes = await startLeadership({ databaseUrl: env().DATABASE_URL, start: () => startProbeService() })
worker = await startWorker(env().DATABASE_URL)
logger.info('worker running')
