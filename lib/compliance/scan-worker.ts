import { parentPort } from 'node:worker_threads'
import { AppError } from '@/lib/http/app-error'
import { parseScanStream } from '@/lib/compliance/parse-scan'
import type { ScanWorkerMessage, ScanWorkerReply } from '@/lib/compliance/parse-scan-in-worker'

// The worker side of parseScanInWorker: one job at a time. A job's bytes arrive as messages, each
// acknowledged as the parser takes it (the request thread reads only a little ahead), and the parsed
// scan or the refusal goes back as one message. Messages of a finished job are ignored.
const port = parentPort!
const send = (reply: ScanWorkerReply) => port.postMessage(reply)

type Job = { id: number; queue: Uint8Array[]; ended: boolean; aborted: boolean; wake: (() => void) | null }
let job: Job | null = null

port.on('message', (m: ScanWorkerMessage) => {
  if (m.type === 'start') return start(m.job, m.options)
  if (!job || job.id !== m.job) return
  if (m.type === 'chunk') job.queue.push(m.chunk)
  else if (m.type === 'end') job.ended = true
  else job.aborted = true
  job.wake?.()
  job.wake = null
})

function start(id: number, options: Extract<ScanWorkerMessage, { type: 'start' }>['options']) {
  const current: Job = (job = { id, queue: [], ended: false, aborted: false, wake: null })
  parseScanStream(chunks(current), options).then(
    (body) => send({ type: 'done', job: id, body }),
    (err: unknown) => send(err instanceof AppError
      ? { type: 'refused', job: id, code: err.code, message: err.message, fields: err.fields }
      : { type: 'failed', job: id, message: String((err as Error)?.stack ?? err) }),
  ).finally(() => {
    if (job === current) job = null
  })
}

async function* chunks(j: Job): AsyncIterable<Uint8Array> {
  for (;;) {
    if (j.aborted) throw new Error('upload abandoned')
    const chunk = j.queue.shift()
    if (chunk) {
      send({ type: 'ack', job: j.id, bytes: chunk.byteLength })
      yield chunk
    } else if (j.ended) return
    else await new Promise<void>((resolve) => (j.wake = resolve))
  }
}
