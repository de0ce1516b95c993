// Hostile requests that are not about the body's content: oversized headers and bodies (declared and
// chunked), deeply nested JSON (with and without a NUL inside), invalid UTF-8, and slow-loris uploads
// (headers or a body trickled a byte at a time). Each must get a 4xx (or the socket closed) and never a
// 5xx; the slow ones must be cut off (a trickled body with a 408 within the app's body time,
// PLIMSOLL_BODY_TIMEOUT_MS); memory stays bounded and the app keeps serving.
import http from 'node:http'
import net from 'node:net'
import { HUNG_MS, request } from './sender'
import { app, createFixtures, fixturesEnv, groupRssMiB, log, sleep, type AppBuild } from './setup'

type Case = { name: string; path: string; headers: Record<string, string>; body: Buffer | string; expect: (status: number) => boolean }

const MiB = 1024 * 1024

// The short form (CI) cuts bodies after 4 s and trickles a byte every 250 ms, and leaves out the trickled
// headers (Node's own 60 s headersTimeout); the full form keeps the default body time, a byte every 5 s.
const BODY_TIMEOUT_MS = { short: 4_000, full: 30_000 }

export async function hostileTest(o: { build: AppBuild; adminUrl: string; port: number; short: boolean }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'hostile')
  const bodyTimeoutMs = o.short ? BODY_TIMEOUT_MS.short : BODY_TIMEOUT_MS.full
  const server = app(o.build, o.port, fixturesEnv(f, { PLIMSOLL_RATE_LIMITS: 'on', PLIMSOLL_BODY_TIMEOUT_MS: String(bodyTimeoutMs) }), 'hostile-app')
  await server.start()
  // trickled alongside the other cases, so the cut adds no time of its own to the short form
  const trickleMs = o.short ? 250 : 5_000
  const slow = Promise.all([slowLoris(o.port, 'body', f.token, trickleMs), ...(o.short ? [] : [slowLoris(o.port, 'headers', f.token, trickleMs)])])
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${f.token}` }
  const deep = (n: number, inner = '1') => '['.repeat(n) + inner + ']'.repeat(n)
  const deepObject = (n: number) => '{"a":'.repeat(n) + '"\\u0000"' + '}'.repeat(n)
  const fourXX = (s: number) => s >= 400 && s < 500
  const cases: Case[] = [
    { name: 'a 2 MiB deployment body', path: '/api/v1/deployments', headers: auth, body: Buffer.alloc(2 * MiB, 'a'), expect: (s) => s === 413 },
    {
      name: 'a 30 MiB GitHub delivery',
      path: '/api/webhooks/github',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'big', 'x-hub-signature-256': 'sha256=00' },
      body: Buffer.alloc(30 * MiB, ' '),
      expect: fourXX,
    },
    {
      name: 'a 64 KiB header',
      path: '/api/v1/deployments',
      headers: { ...auth, 'x-padding': 'a'.repeat(64 * 1024) },
      body: '{}',
      expect: (s) => s === 431 || s === 0,
    },
    {
      name: 'a 200 KiB Authorization header',
      path: '/api/v1/incidents',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(200 * 1024)}` },
      body: '{}',
      expect: (s) => s === 431 || s === 0,
    },
    { name: '500,000 nested arrays', path: '/api/v1/deployments', headers: auth, body: deep(500_000), expect: fourXX },
    { name: '100,000 nested objects around a NUL', path: '/api/v1/incidents', headers: auth, body: deepObject(100_000), expect: fourXX },
    {
      name: '100,000 nested arrays (signed delivery)',
      path: '/api/webhooks/gitlab',
      headers: { 'content-type': 'application/json', 'x-gitlab-token': f.gitlabToken, 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': 'deep' },
      body: deep(100_000, '"\\u0000"'),
      expect: fourXX,
    },
    {
      name: 'invalid UTF-8 in a string',
      path: '/api/v1/deployments',
      headers: auth,
      body: Buffer.concat([
        Buffer.from('{"id":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('","service":"hello","environment":"production","status":"success"}'),
      ]),
      expect: (s) => s < 500,
    },
    {
      name: 'invalid UTF-8 in a service slug',
      path: '/api/v1/incidents',
      headers: auth,
      body: Buffer.concat([
        Buffer.from('{"id":"u8","service":"'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('","title":"t","openedAt":"2026-01-01T00:00:00Z"}'),
      ]),
      expect: fourXX,
    },
    {
      name: 'a lone surrogate escape',
      path: '/api/v1/incidents',
      headers: auth,
      body: '{"id":"\\ud800","service":"hello","title":"\\udfff","openedAt":"2026-01-01T00:00:00Z"}',
      expect: (s) => s < 500,
    },
    { name: 'a 1 MiB string of escapes', path: '/api/v1/incidents', headers: auth, body: `{"id":"${'\\u00e9'.repeat(170_000)}"}`, expect: fourXX },
    {
      name: 'a gzip bomb scan (200 MiB of zeros)',
      path: '/api/v1/scans?service=hello',
      headers: { ...auth, 'content-encoding': 'gzip' },
      body: (await import('node:zlib')).gzipSync(Buffer.alloc(200 * MiB)),
      expect: fourXX,
    },
  ]
  const problems: string[] = []
  const rssStart = groupRssMiB(server.pid())
  let rssMax = rssStart
  for (const c of cases) {
    let status = 0
    let ms = 0
    let note = ''
    try {
      // a socket of its own: the server may close it after answering before the body was read
      const a = await request(o.port, c, new http.Agent({ keepAlive: false }), HUNG_MS + 5_000)
      status = a.status
      ms = a.ms
      note = a.body.slice(0, 120)
    } catch (err) {
      note = (err as Error).message
    }
    rssMax = Math.max(rssMax, groupRssMiB(server.pid()))
    const ok = c.expect(status) && ms <= HUNG_MS
    console.log(`hostile       ${c.name.padEnd(44)} → ${status || 'closed'} in ${ms.toFixed(0)} ms${ok ? '' : `  UNEXPECTED: ${note}`}`)
    if (!ok) problems.push(`hostile ${c.name}: ${status || 'closed'} after ${ms.toFixed(0)} ms: ${note}`)
  }
  for (const r of await slow) {
    const answered = r.answer ? `answer after ${(r.answerMs / 1000).toFixed(1)} s: ${r.answer}` : 'no answer'
    console.log(`hostile       slow-loris ${r.what.padEnd(33)} → closed after ${(r.ms / 1000).toFixed(1)} s, ${r.bytes} bytes trickled, ${answered}`)
    // a body: 408 within the body time (a few seconds' slack for a loaded machine), then the connection closed
    const late = r.kind === 'body'
      ? !r.answer.startsWith('HTTP/1.1 408') || r.answerMs > bodyTimeoutMs + 5_000 || r.ms > r.answerMs + 5_000
      : r.ms > 6 * 60_000 || r.answer.startsWith('HTTP/1.1 5')
    if (late) problems.push(`hostile slow-loris ${r.what}: closed after ${(r.ms / 1000).toFixed(1)} s (body time ${bodyTimeoutMs / 1000} s), ${answered}`)
  }
  const healthy = await request(
    o.port,
    { path: '/api/v1/incidents', headers: auth, body: JSON.stringify({ id: 'after', service: 'hello', title: 'after', openedAt: '2026-01-01T00:00:00Z' }) },
    new http.Agent({ keepAlive: false }),
  ).catch((err: Error) => ({ status: 0, body: err.message }))
  console.log(`hostile       app RSS ${rssStart.toFixed(0)} MiB at the start, max ${rssMax.toFixed(0)} MiB; a valid request afterwards: ${healthy.status}`)
  if (healthy.status !== 201) problems.push(`hostile: a valid request afterwards got ${healthy.status}`)
  // a flood from one token: past its burst (600) the answers are 429 with Retry-After, never a 5xx
  const flood = new Map<string, number>()
  let withoutRetryAfter = 0
  let next = 0
  const flooder = new http.Agent({ keepAlive: true, maxSockets: 32 })
  await Promise.all(Array.from({ length: 32 }, async () => {
    for (let i = next++; i < 900; i = next++) {
      const a = await request(o.port, { path: '/api/v1/incidents', headers: auth, body: '{"id":"flood"}' }, flooder).catch(() => null)
      const key = a ? String(a.status) : 'no answer'
      flood.set(key, (flood.get(key) ?? 0) + 1)
      if (a?.status === 429 && !a.headers['retry-after']) withoutRetryAfter++
    }
  }))
  console.log(
    `hostile       900 requests from one token at once: ${[...flood]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (429 without Retry-After: ${withoutRetryAfter})`,
  )
  if (!(flood.get('429') ?? 0) || withoutRetryAfter || [...flood.keys()].some((k) => k.startsWith('5') || k === 'no answer')) {
    problems.push(`hostile: the flood got ${[...flood].map(([k, v]) => `${k} ${v}`).join(', ')}`)
  }
  if (rssMax > rssStart + 512) problems.push(`hostile: memory grew from ${rssStart.toFixed(0)} to ${rssMax.toFixed(0)} MiB`)
  await server.kill()
  return problems
}

// Sends the request head (or its body) one byte every `everyMs` until the server closes the socket.
type SlowLoris = { kind: 'headers' | 'body'; what: string; ms: number; answerMs: number; bytes: number; answer: string }
function slowLoris(port: number, kind: 'headers' | 'body', token: string, everyMs: number): Promise<SlowLoris> {
  return new Promise((resolve) => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    let bytes = 0
    let answer = ''
    let answerMs = 0
    let timer: NodeJS.Timeout | undefined
    const head = `POST /api/v1/deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n`
    const trickle = kind === 'headers' ? head + 'X-Slow: ' + 'a'.repeat(10_000) : 'x'.repeat(100_000)
    socket.on('connect', () => {
      if (kind === 'body') socket.write(head + '\r\n')
      timer = setInterval(() => {
        if (socket.destroyed || bytes >= trickle.length) return
        socket.write(trickle[bytes++]!)
      }, everyMs)
    })
    socket.on('data', (d) => {
      if (answer) return
      answer = d.toString('latin1').split('\r\n')[0]!
      answerMs = Date.now() - started
    })
    const done = () => {
      clearInterval(timer)
      const pace = everyMs >= 1_000 ? `${everyMs / 1_000} s` : `${everyMs} ms`
      resolve({ kind, what: `${kind}, a byte every ${pace}`, ms: Date.now() - started, answerMs, bytes, answer })
    }
    socket.on('close', done)
    socket.on('error', () => undefined)
    // the test's own limit: 10 minutes
    setTimeout(() => socket.destroy(), 10 * 60_000).unref()
    void sleep(0).then(() => log(`hostile: slow-loris (${kind}) started`))
  })
}
