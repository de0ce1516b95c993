// The demo's scan reports are read by the scan upload's own parser (XCCDF and ARF through the streaming
// XML parser: the costly part of the load's CPU). A worker thread parses them while the main thread
// generates and sends the rows; the parsed reports come back by message (plain data) and are stored in
// the load's transaction once the rows are in. The thread needs no database.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { workerSource } from './generate-demo-worker'
import type { DemoUpload } from './load-scans'

interface ParseInput {
  parseDemoScans: true
  now: number
}

export interface DemoScanParser {
  /** The parsed uploads, oldest first per service. */
  uploads: Promise<DemoUpload[]>
  cancel: () => Promise<void>
}

export function startParsingDemoScans(now: number): DemoScanParser {
  const input: ParseInput = { parseDemoScans: true, now }
  const worker = new Worker(workerSource(import.meta.url), { eval: true, workerData: input })
  const uploads = new Promise<DemoUpload[]>((resolve, reject) => {
    let result: DemoUpload[] | null = null
    worker.on('message', (m: DemoUpload[]) => (result = m))
    worker.on('error', reject)
    worker.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`demo scans: worker exited with code ${code}`))))
  })
  uploads.catch(() => undefined) // awaited by the load; not unhandled when cancelled
  return { uploads, cancel: async () => void (await worker.terminate()) }
}

async function run(input: ParseInput): Promise<void> {
  const { parseDemoScans } = await import('./load-scans')
  parentPort!.postMessage(await parseDemoScans(input.now))
}

// a failure rejects unhandled, which ends the thread with an 'error' event the parent rejects with
if (!isMainThread && (workerData as Partial<ParseInput> | null)?.parseDemoScans === true) void run(workerData as ParseInput)
