import { AppError } from '@/lib/http/app-error'

// Every request body is read through these, so none is read past its route's limit (413): JSON routes
// (readJsonBody, 1 MiB), webhooks (25 MiB), scan uploads (100 MiB, uncompressed too), Better Auth's
// endpoints (limitedRequest) and Idempotency-Key replays.
export const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes.`)

// Refuses a declared Content-Length over the limit before reading anything.
export function assertDeclaredLength(req: Request, limit: number): void {
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (declared > limit) throw tooLarge(limit)
}

// The body's chunks as they arrive; stops reading (and cancels the stream) once past `limit`.
export async function* limitedChunks(stream: ReadableStream<Uint8Array>, limit: number): AsyncIterable<Uint8Array> {
  const reader = stream.getReader()
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      size += value.byteLength
      if (size > limit) throw tooLarge(limit)
      yield value
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

export async function readBodyLimited(req: Request, limit: number): Promise<Buffer> {
  assertDeclaredLength(req, limit)
  if (!req.body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  for await (const chunk of limitedChunks(req.body, limit)) chunks.push(chunk)
  return Buffer.concat(chunks)
}

// The same request with its body read (at most `limit` bytes) and held, for handlers that read the body
// their own way without a limit (Better Auth's request.json()).
export async function limitedRequest(req: Request, limit: number): Promise<Request> {
  if (req.method === 'GET' || req.method === 'HEAD') return req
  const body = await readBodyLimited(req, limit)
  return new Request(req.url, { method: req.method, headers: req.headers, body: body.byteLength > 0 ? new Uint8Array(body) : null, signal: req.signal })
}
