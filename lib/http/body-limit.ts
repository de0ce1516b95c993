import { httpEnv } from '@/lib/env'
import { AppError } from '@/lib/http/app-error'

// Every request body is read through these, so none is read past its route's limit (413) or past its
// time (408, PLIMSOLL_BODY_TIMEOUT_MS): JSON routes (readJsonBody, 1 MiB), webhooks (25 MiB), scan
// uploads (100 MiB, uncompressed too), Better Auth's endpoints (limitedRequest) and Idempotency-Key
// replays.
export const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes.`)

// Refuses a declared Content-Length over the limit before reading anything.
export function assertDeclaredLength(req: Request, limit: number): void {
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (declared > limit) throw tooLarge(limit)
}

export const tooSlow = (ms: number) => new AppError('REQUEST_TIMEOUT', `Request body not received within ${ms} ms; send it at once.`)

// The body's chunks as they arrive; stops reading (and cancels the stream) once past `limit`, and stops
// reading once `timeoutMs` have passed since the first read without the body's end (a body trickled
// for minutes would otherwise hold a handler until Node's 5-minute request timeout). The timed-out
// stream is left as it is rather than cancelled: cancelling destroys the request and with it the
// socket, before the 408 could be written; the 408 closes the connection instead.
export async function* limitedChunks(stream: ReadableStream<Uint8Array>, limit: number, timeoutMs = httpEnv().PLIMSOLL_BODY_TIMEOUT_MS): AsyncIterable<Uint8Array> {
  const reader = stream.getReader()
  const deadline = Date.now() + timeoutMs
  let size = 0
  let timedOut = false
  try {
    for (;;) {
      const next = await readBefore(reader, deadline)
      if (!next) {
        timedOut = true
        throw tooSlow(timeoutMs)
      }
      if (next.done) return
      size += next.value.byteLength
      if (size > limit) throw tooLarge(limit)
      yield next.value
    }
  } finally {
    if (!timedOut) await reader.cancel().catch(() => undefined)
  }
}

// The next read, or null when the deadline passes first (the read is then abandoned).
async function readBefore(reader: ReadableStreamDefaultReader<Uint8Array>, deadline: number): Promise<ReadableStreamReadResult<Uint8Array> | null> {
  const read = reader.read()
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))))
  try {
    return await Promise.race([read, expired])
  } finally {
    clearTimeout(timer)
    void read.catch(() => undefined)
  }
}

export async function readBodyLimited(req: Request, limit: number, timeoutMs?: number): Promise<Buffer> {
  assertDeclaredLength(req, limit)
  if (!req.body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  for await (const chunk of limitedChunks(req.body, limit, timeoutMs)) chunks.push(chunk)
  return Buffer.concat(chunks)
}

// The same request with its body read (at most `limit` bytes) and held, for handlers that read the body
// their own way without a limit (Better Auth's request.json()).
export async function limitedRequest(req: Request, limit: number): Promise<Request> {
  if (req.method === 'GET' || req.method === 'HEAD') return req
  const body = await readBodyLimited(req, limit)
  return new Request(req.url, { method: req.method, headers: req.headers, body: body.byteLength > 0 ? new Uint8Array(body) : null, signal: req.signal })
}
