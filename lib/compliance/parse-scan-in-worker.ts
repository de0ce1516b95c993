import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError, type ErrorCode, type FieldError } from '@/lib/http/app-error'
import type { ScanBody, ScanParseOptions } from '@/lib/compliance/parse-scan'
import { SCAN_WORKER_HEAP_MB, SCAN_WORKERS } from '@/lib/compliance/scan-limits'

export type ScanWorkerMessage =
  | { type: 'start'; job: number; options: ScanParseOptions }
  | { type: 'chunk'; job: number; chunk: Uint8Array }
  | { type: 'end' | 'abort'; job: number }
export type ScanWorkerReply =
  | { type: 'ack'; job: number; bytes: number }
  | { type: 'done'; job: number; body: ScanBody }
  | { type: 'refused'; job: number; code: ErrorCode; message: string; fields?: FieldError[] }
  | { type: 'failed'; job: number; message: string }

// Resolved from the working directory (the project, as `npm start` and Docker run it), and imported by
// a line of code rather than named to Worker: Next bundles the request handlers and would otherwise
// bundle the worker, and tsx with it, which it cannot.
const ENTRY = pathToFileURL(path.join(process.cwd(), 'lib', 'compliance', 'scan-worker.mjs')).href
// how far the request thread reads ahead of the parser
const READ_AHEAD_BYTES = 1024 * 1024

type Pooled = { worker: Worker; listener: ((m: ScanWorkerReply) => void) | null; died: ((err: Error) => void) | null }
const idle: Pooled[] = []
const waiting: ((p: Pooled | null) => void)[] = []
let workers = 0
let jobs = 0

function spawn(): Pooled {
  const worker = new Worker(`import(${JSON.stringify(ENTRY)})`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: SCAN_WORKER_HEAP_MB } })
  const p: Pooled = { worker, listener: null, died: null }
  workers++
  worker.unref()
  worker.on('message', (m: ScanWorkerReply) => p.listener?.(m))
  worker.on('error', (err) => p.died?.(err))
  worker.on('exit', (code) => {
    workers--
    const i = idle.indexOf(p)
    if (i >= 0) idle.splice(i, 1)
    p.died?.(new Error(`scan worker exited with code ${code}`))
    // a waiting upload may start a worker of its own now
    waiting.shift()?.(null)
  })
  return p
}

async function acquire(): Promise<Pooled> {
  for (;;) {
    const ready = idle.pop()
    if (ready) return ready
    if (workers < SCAN_WORKERS) return spawn()
    const handed = await new Promise<Pooled | null>((resolve) => waiting.push(resolve))
    if (handed) return handed
  }
}

function release(p: Pooled) {
  p.listener = null
  p.died = null
  const next = waiting.shift()
  if (next) next(p)
  else idle.push(p)
}

// parseScanStream on a worker thread: gunzip, XML and JSON parsing, validation and scoring of an upload
// never hold the request thread (a 1.3 MB XML held every request for 89 s, issue 18). At most
// SCAN_WORKERS parse at once (more wait), each with a heap of its own (SCAN_WORKER_HEAP_MB): an upload
// that needs more is refused with a 413, its worker replaced, and the web process is untouched.
export async function parseScanInWorker(body: AsyncIterable<Uint8Array>, options: ScanParseOptions): Promise<ScanBody> {
  const p = await acquire()
  const job = ++jobs
  const post = (m: ScanWorkerMessage, transfer: ArrayBuffer[] = []) => p.worker.postMessage(m, transfer)
  let answered: ((reply: ScanWorkerReply | Error) => void) | null = null
  const reply = new Promise<ScanWorkerReply | Error>((resolve) => (answered = resolve))
  let ahead = 0
  let wake: (() => void) | null = null
  p.listener = (m) => {
    if (m.job !== job) return
    if (m.type !== 'ack') return answered!(m)
    ahead -= m.bytes
    wake?.()
  }
  p.died = (err) => answered!(err)
  // the worker is handed on only once it has finished this job, whichever side ended it
  void reply.then((r) => {
    if (!(r instanceof Error)) release(p)
    wake?.()
  })
  const finished = reply.then(() => null)
  post({ type: 'start', job, options })
  const chunks = body[Symbol.asyncIterator]()
  try {
    for (;;) {
      // a refusal ends the upload at once, without waiting for the rest of the body
      const pending = chunks.next()
      // a read still pending when the upload ends may fail later (the body's time, a closed form)
      pending.catch(() => undefined)
      const next = await Promise.race([pending, finished])
      if (!next) {
        void chunks.return?.()?.catch(() => undefined)
        break
      }
      if (next.done) {
        post({ type: 'end', job })
        break
      }
      // a copy of its own to hand over: a request's chunks may share one pooled buffer
      const copy = new Uint8Array(next.value)
      post({ type: 'chunk', job, chunk: copy }, [copy.buffer])
      ahead += copy.byteLength
      while (ahead > READ_AHEAD_BYTES) {
        const acked = new Promise<'acked'>((resolve) => (wake = () => resolve('acked')))
        if ((await Promise.race([acked, finished])) === null) break
      }
    }
  } catch (err) {
    post({ type: 'abort', job })
    throw err
  }
  return answer(await reply)
}

function answer(r: ScanWorkerReply | Error): ScanBody {
  if (r instanceof Error) {
    if ((r as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw new AppError('PAYLOAD_TOO_LARGE', `The report needs more than ${SCAN_WORKER_HEAP_MB} MiB of memory to parse; send a smaller one.`)
    }
    throw r
  }
  if (r.type === 'done') return r.body
  if (r.type === 'refused') throw new AppError(r.code, r.message, r.fields)
  throw new Error(`scan worker: ${r.type === 'failed' ? r.message : r.type}`)
}
