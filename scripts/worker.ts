// The job worker process (started by npm start next to the web server).
import { env } from '@/lib/env'
import { startWorker } from '@/lib/jobs/worker'
import { logger } from '@/lib/logger'

const worker = await startWorker(env().DATABASE_URL)
const stop = async () => {
  await worker.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
logger.info('worker running')
