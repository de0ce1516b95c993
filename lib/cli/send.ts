import { randomUUID } from 'node:crypto'

export type Target = { url: string; token: string }
export type Call = { method: 'POST'; path: string; body: string | Uint8Array<ArrayBuffer>; contentType: string; label: string }
export type SendOptions = { retries: number; retryDelayMs: number; timeoutMs: number; log: (line: string) => void }

// What became of a call: answered (any status the server meant), or the server could not be reached
// (network errors, timeouts, 429/5xx on every attempt).
export type Sent =
  | { kind: 'answered'; status: number; body: unknown; replayed: boolean }
  | { kind: 'unreachable'; reason: string; attempts: number }

// 409 only with Retry-After: the server is still running the first attempt of this idempotency key.
const retryable = (res: Response) => res.status === 408 || res.status === 429 || res.status === 502 || res.status === 503 || res.status === 504
  || (res.status === 409 && res.headers.has('retry-after'))

// One ingest call with retries: the same Idempotency-Key on every attempt, so an attempt whose answer
// was lost is replayed by the server instead of written twice. Backoff doubles (with jitter) and
// follows Retry-After when the server gives one (capped at 30 s).
export async function send(target: Target, call: Call, opts: SendOptions, fetchImpl: typeof fetch = fetch): Promise<Sent> {
  const key = randomUUID()
  let reason = ''
  for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
    let wait = opts.retryDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5)
    try {
      const res = await fetchImpl(new URL(call.path, withSlash(target.url)), {
        method: call.method,
        headers: { authorization: `Bearer ${target.token}`, 'content-type': call.contentType, 'idempotency-key': key, 'user-agent': 'plimsoll-cli' },
        body: call.body,
        signal: AbortSignal.timeout(opts.timeoutMs),
      })
      const text = await res.text()
      if (!retryable(res)) return { kind: 'answered', status: res.status, body: parseJson(text), replayed: res.headers.get('idempotent-replayed') === 'true' }
      reason = `HTTP ${res.status}${errorMessage(parseJson(text)) ? `: ${errorMessage(parseJson(text))}` : ''}`
      const after = Number(res.headers.get('retry-after'))
      if (Number.isFinite(after) && after >= 0) wait = Math.min(after * 1000, 30_000, Math.max(opts.retryDelayMs * 30, wait))
    } catch (err) {
      reason = describe(err)
    }
    if (attempt <= opts.retries) {
      opts.log(`plimsoll: ${call.label}: ${reason}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${opts.retries + 1})`)
      await new Promise((r) => setTimeout(r, wait))
    }
  }
  return { kind: 'unreachable', reason, attempts: opts.retries + 1 }
}

export function errorMessage(body: unknown): string | undefined {
  const e = (body as { error?: { message?: unknown } } | null)?.error
  return typeof e?.message === 'string' ? e.message : undefined
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError') return 'timed out'
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err)
}
