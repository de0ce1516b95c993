// The demo's scans and stored reports are made by the product's own code (the scan upload's parser and
// ingest, the worker's quarter-end reports), which reads and writes through the pool of DATABASE_URL. A
// worker thread whose environment names the demo database runs them, so whoever loads the demo (npm
// start, a test on a database of its own) needs no process of its own and leaves its own pool alone.
// It starts with the load: it loads its modules and parses the reports while the rows go in, and
// writes once they are committed.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { workerSource } from './generate-demo-worker'

interface FinishInput {
  finishDemo: true
  now: number
}
type FinishResult = { scans: number; reports: number }

export interface DemoFinisher {
  /** Stores the scans and reports (call once the demo rows are committed). */
  finish: () => Promise<FinishResult>
  cancel: () => Promise<void>
}

export function startScansAndReports(databaseUrl: string, now: number): DemoFinisher {
  const input: FinishInput = { finishDemo: true, now }
  // a one-off load, not a request: no request-sized waits for a connection or a statement
  const env = { ...process.env, DATABASE_URL: databaseUrl, DB_CONNECT_TIMEOUT_MS: '120000', DB_STATEMENT_TIMEOUT_MS: '600000', DB_POOL_MAX: '2' }
  const worker = new Worker(workerSource(import.meta.url), { eval: true, workerData: input, env })
  const done = new Promise<FinishResult>((resolve, reject) => {
    let result: FinishResult | null = null
    worker.on('message', (m: FinishResult) => (result = m))
    worker.on('error', reject)
    worker.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`demo scans and reports: worker exited with code ${code}`))))
  })
  done.catch(() => undefined) // awaited by finish(); not unhandled when cancelled
  return {
    finish: () => {
      worker.postMessage('go')
      return done
    },
    cancel: async () => {
      await worker.terminate()
    },
  }
}

async function run(input: FinishInput): Promise<void> {
  const port = parentPort!
  const go = new Promise((resolve) => port.once('message', resolve))
  const { parseDemoScans, ingestDemoScans } = await import('./load-scans')
  const { storeDemoReports } = await import('./store-reports')
  const { pool } = await import('@/lib/db')
  const uploads = await parseDemoScans(input.now)
  await go
  try {
    const scans = await ingestDemoScans(uploads)
    const reports = await storeDemoReports(input.now)
    port.postMessage({ scans, reports } satisfies FinishResult)
  } finally {
    await pool().end()
  }
}

// a failure rejects unhandled, which ends the thread with an 'error' event the parent rejects with
if (!isMainThread && (workerData as Partial<FinishInput> | null)?.finishDemo === true) void run(workerData as FinishInput)
