import { createHash } from 'node:crypto'
import { AppError, validationError } from '@/lib/http/app-error'
import { limitedChunks } from '@/lib/http/body-limit'
import {
  claimIdempotencyKey, completeIdempotencyKey, getIdempotencyKey, releaseIdempotencyKey, retakeStaleIdempotencyKey,
} from '@/lib/queries/idempotency-keys'

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/
// A replay hashes the retried body to compare it with the first; no route takes more than a scan upload
// (100 MiB and a form's overhead), so a longer body cannot be the same request.
export const MAX_REPLAY_BODY_BYTES = 101 * 1024 * 1024

// `Idempotency-Key` on an ingest POST: the first 2xx answer is stored and replayed (with
// `Idempotent-Replayed: true`) to any retry with the same key, method, path and body, so a client that
// lost an answer can retry without writing twice. The same key with another request is a 422; a retry
// while the first is still running a 409 with Retry-After. Error answers are not kept: a retry runs again.
export async function withIdempotency(req: Request, teamId: number, run: (req: Request) => Promise<Response>): Promise<Response> {
  const key = req.headers.get('idempotency-key')
  if (key === null) return run(req)
  if (!KEY_PATTERN.test(key)) throw validationError([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }])
  const url = new URL(req.url)
  const target = { teamId, key, method: req.method, path: url.pathname + url.search }
  if (!(await claimIdempotencyKey(target))) {
    const known = await getIdempotencyKey(target)
    if (known && !(known.running && known.stale && (await retakeStaleIdempotencyKey(target)))) return replay(req, target, known)
  }
  const hash = createHash('sha256').update(`${target.method} ${target.path}\n`)
  const hashed = new Request(req, { body: req.body ? req.body.pipeThrough(hashingStream(hash)) : null, duplex: 'half' } as RequestInit)
  let res: Response
  try {
    res = await run(hashed)
  } catch (err) {
    await releaseIdempotencyKey(target)
    throw err
  }
  if (res.status < 200 || res.status > 299) {
    await releaseIdempotencyKey(target)
    return res
  }
  const responseBody = await res.text()
  await completeIdempotencyKey({ ...target, fingerprint: hash.digest('hex'), status: res.status, responseBody })
  return new Response(responseBody, { status: res.status, headers: res.headers })
}

async function replay(req: Request, target: { method: string; path: string }, known: NonNullable<Awaited<ReturnType<typeof getIdempotencyKey>>>): Promise<Response> {
  if (known.running) {
    return Response.json(
      { error: { code: 'CONFLICT', message: 'A request with this Idempotency-Key is still being processed; retry shortly.' } },
      { status: 409, headers: { 'Retry-After': '1' } },
    )
  }
  const hash = createHash('sha256').update(`${target.method} ${target.path}\n`)
  if (req.body) for await (const chunk of limitedChunks(req.body, MAX_REPLAY_BODY_BYTES)) hash.update(chunk)
  if (known.method !== target.method || known.path !== target.path || known.fingerprint !== hash.digest('hex')) {
    throw new AppError('VALIDATION_FAILED', 'This Idempotency-Key was already used for a different request; use a new key for a new request.', [
      { path: 'Idempotency-Key', message: 'was used for a different request' },
    ])
  }
  return new Response(known.responseBody, { status: known.status!, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } })
}

function hashingStream(hash: ReturnType<typeof createHash>): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk)
      controller.enqueue(chunk)
    },
  })
}
