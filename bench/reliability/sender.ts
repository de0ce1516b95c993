// The load generator of the fault tests: each event is sent until it gets a 2xx, retried with the same
// ids (delivery id, Idempotency-Key, external id) after a refused connection, a 503 or a 409, as a
// careful client would. Every answer is tallied; a 500, an unexpected 4xx or an answer slower than
// HUNG_MS is a violation.
import http from 'node:http'
import { latencyStats } from '../shared/app-server'

export const HUNG_MS = 10_000

export type Event = { id: string; path: string; headers: Record<string, string>; body: string | Buffer }

export type Tally = {
  sent: number
  attempts: number
  acknowledged: Set<string>
  statuses: Map<string, number>
  retryAfterMissing: number
  hung: number
  latencies: number[]
  violations: string[]
}

export const newTally = (): Tally => ({
  sent: 0,
  attempts: 0,
  acknowledged: new Set(),
  statuses: new Map(),
  retryAfterMissing: 0,
  hung: 0,
  latencies: [],
  violations: [],
})

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }

export function request(port: number, e: Pick<Event, 'path' | 'headers' | 'body'>, agent?: http.Agent, timeoutMs = 30_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const req = http.request(
      { host: '127.0.0.1', port, path: e.path, method: 'POST', agent, headers: { ...e.headers, 'content-length': Buffer.byteLength(e.body) } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c.length + body.length > 64_000 ? '' : c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - t0 }))
        res.on('error', reject)
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end(e.body)
  })
}

const bump = (t: Tally, key: string) => t.statuses.set(key, (t.statuses.get(key) ?? 0) + 1)

// Sends one event until acknowledged (or `giveUpAt`); `port()` is asked on every attempt (replicas).
export async function deliver(e: Event, port: () => number, t: Tally, agent: http.Agent, giveUpAt: number): Promise<boolean> {
  for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
    t.attempts++
    let answer: Answer
    try {
      answer = await request(port(), e, agent)
    } catch (err) {
      bump(t, `connection error`)
      if ((err as Error).message.startsWith('no answer')) t.hung++
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)))
      continue
    }
    t.latencies.push(answer.ms)
    if (answer.ms > HUNG_MS) t.hung++
    bump(t, String(answer.status))
    if (answer.status >= 200 && answer.status < 300) {
      t.acknowledged.add(e.id)
      return true
    }
    if (answer.status === 503 || answer.status === 409 || answer.status === 429) {
      if (!answer.headers['retry-after']) t.retryAfterMissing++
      // honour Retry-After, but not beyond a second: the harness wants to see the recovery
      await new Promise((r) => setTimeout(r, Math.min(1000, Number(answer.headers['retry-after'] ?? 1) * 1000)))
      continue
    }
    if (t.violations.length < 20) t.violations.push(`${e.path} ${e.id}: ${answer.status} ${answer.body.slice(0, 300)}`)
    if (answer.status >= 500) continue
    return false
  }
  return false
}

// Sends every event once (and again until acknowledged) from `concurrency` keep-alive connections.
export async function sendAll(
  events: Event[],
  port: () => number,
  opts: { concurrency: number; giveUpAfterMs?: number; onProgress?: (done: number) => void },
  t = newTally(),
): Promise<Tally> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency })
  const giveUpAt = Date.now() + (opts.giveUpAfterMs ?? 15 * 60_000)
  let next = 0
  let done = 0
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      for (let i = next++; i < events.length; i = next++) {
        t.sent++
        await deliver(events[i]!, port, t, agent, giveUpAt)
        opts.onProgress?.(++done)
      }
    }),
  )
  agent.destroy()
  return t
}

export function describeTally(t: Tally): string {
  const statuses = [...t.statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ')
  const l = latencyStats(t.latencies)
  return `${t.attempts} attempts (${statuses}); latency p50 ${l.p50.toFixed(0)} ms, p95 ${l.p95.toFixed(0)} ms, max ${l.max.toFixed(0)} ms; ${t.hung} past ${HUNG_MS / 1000} s`
}

// What every fault test prints: sent / acknowledged / stored / duplicates (and the acknowledged ones lost).
export type Count = { what: string; sent: number; acknowledged: number; stored: number; duplicates: number; lost: number; extra?: string }

export function printCounts(test: string, counts: Count[]) {
  for (const c of counts) {
    console.log(`${test.padEnd(13)} ${c.what.padEnd(28)} sent ${c.sent} / acknowledged ${c.acknowledged} / stored ${c.stored} / duplicates ${c.duplicates}` +
      `${c.lost ? ` / LOST ${c.lost}` : ''}${c.extra ? `  (${c.extra})` : ''}`)
  }
}
