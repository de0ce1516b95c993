// Scale mode: the demo history is generated and serialised to binary query parameters on worker threads,
// so the main thread only sends. Each worker is a generator lane with its own interleaved id range, and
// the workers take services from a shared counter, so the id sets are disjoint whatever the split.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { demoBatchParams } from '@/lib/queries/insert-demo-batch'
import { basePlan, generateDemoBatches, type DemoPlan } from './generate-demo'

export interface WorkerBatch {
  params: Buffer[]
  deployments: number
  changes: number
  incidents: number
}

interface WorkerInput {
  seed: number
  now: number
  windowDays: number
  density: number
  lane: number
  lanes: number
  batchSize: number
  claims: SharedArrayBuffer // Int32Array[1]: the next service index to simulate
}

type WorkerMessage = { type: 'batch'; batch: Omit<WorkerBatch, 'params'> & { params: Uint8Array[] } } | { type: 'done' }

const MAX_UNACKED = 3 // batches a worker may be ahead of the inserts (bounds memory)

// Under tsx (a .ts module) a worker does not inherit the loader hooks on Node 20: it registers tsx first.
export function workerSource(moduleUrl: string): string {
  if (!moduleUrl.endsWith('.ts')) return `import(${JSON.stringify(moduleUrl)})`
  const tsx = import.meta.resolve('tsx/esm/api')
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(moduleUrl)}) })`
}

/**
 * Runs `lanes` workers over the plan and yields their batches (in arrival order) as they come. Rows of a
 * batch only reference ids of the same lane's earlier batches or of its own, which is all the load needs
 * since constraints are checked after it.
 */
export async function* generateDemoBatchesOnWorkers(plan: DemoPlan, lanes: number, batchSize: number): AsyncGenerator<WorkerBatch> {
  const claims = new SharedArrayBuffer(4)
  const queue: WorkerBatch[] = []
  let wake: (() => void) | null = null
  let failure: unknown = null
  let running = lanes
  const notify = (): void => {
    const w = wake
    wake = null
    w?.()
  }
  const ackTo = new Map<WorkerBatch, Worker>()
  const workers = Array.from({ length: lanes }, (_, lane) => {
    const input: WorkerInput = {
      seed: plan.seed, now: plan.now, windowDays: plan.windowDays, density: plan.density, lane, lanes, batchSize, claims,
    }
    const worker = new Worker(workerSource(import.meta.url), { eval: true, workerData: input })
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'done') {
        running--
      } else {
        const params = m.batch.params.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))
        queue.push({ ...m.batch, params })
        ackTo.set(queue[queue.length - 1] as WorkerBatch, worker)
      }
      notify()
    })
    worker.on('error', (error) => {
      failure ??= error
      notify()
    })
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`demo generator worker exited with code ${code}`)
      notify()
    })
    return worker
  })
  try {
    for (;;) {
      if (failure) throw failure
      const batch = queue.shift()
      if (batch) {
        ackTo.get(batch)?.postMessage('ack')
        ackTo.delete(batch)
        yield batch
        continue
      }
      if (running === 0) return
      await new Promise<void>((resolve) => {
        wake = resolve
      })
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

async function runWorker(input: WorkerInput): Promise<void> {
  const port = parentPort
  if (!port) throw new Error('not a worker thread')
  const plan = basePlan(input.seed, input.now, input.windowDays, input.density)
  const claims = new Int32Array(input.claims)
  let unacked = 0
  let acked: (() => void) | null = null
  port.on('message', () => {
    unacked--
    const a = acked
    acked = null
    a?.()
  })
  const lane = { first: input.lane, step: input.lanes, nextService: () => Atomics.add(claims, 0, 1) }
  for (const batch of generateDemoBatches(plan, input.batchSize, lane)) {
    const params = demoBatchParams(batch)
    const message: WorkerMessage = {
      type: 'batch',
      batch: { params, deployments: batch.deployments.length, changes: batch.changes.length, incidents: batch.incidents.length },
    }
    port.postMessage(message, params.map((p) => p.buffer as ArrayBuffer)) // transferred, not copied
    unacked++
    while (unacked >= MAX_UNACKED) {
      await new Promise<void>((resolve) => {
        acked = resolve
      })
    }
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage)
  port.unref() // let the thread exit once the parent stops acknowledging
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.claims instanceof SharedArrayBuffer) {
  void runWorker(workerData as WorkerInput)
}
