// The scan uploads of issue 18 that stopped or froze the server (lib/compliance/testing/hostile-scans.ts),
// sent to the built app as the body and as a multipart file part: each must get a 4xx within 5 s, while
// /api/health (polled every 100 ms) answers within 500 ms, the app's RSS grows less than
// MAX_RSS_GROWTH_MIB (docs/security.md, "Limits") and no scan is stored. Then a valid report at the
// limits (50,000 matches, about 95 MiB) is accepted, with its peak memory measured the same way.
import http from 'node:http'
import { gzipSync } from 'node:zlib'
import { request } from './sender'
import { app, createFixtures, fixturesEnv, groupRssMiB, scalar, type AppBuild } from './setup'
import { hostileScans } from '@/lib/compliance/testing/hostile-scans'
import { SCAN_JSON_LIMITS } from '@/lib/compliance/scan-limits'

const REFUSED_WITHIN_MS = 5_000
const HEALTH_WITHIN_MS = 500
// documented in docs/security.md: the parse worker's heap is capped, the request thread holds at most
// 1 MiB of an upload ahead of it
export const MAX_RSS_GROWTH_MIB = 768
const ACCEPTED_WITHIN_MS = 60_000

type Upload = { name: string; headers: Record<string, string>; body: Buffer; refused: boolean }

export async function hostileScansTest(o: { build: AppBuild; adminUrl: string; port: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'hostile-scans')
  const server = app(o.build, o.port, fixturesEnv(f), 'hostile-scans-app')
  await server.start()
  const auth = { authorization: `Bearer ${f.token}` }
  const problems: string[] = []
  const scans = () => scalar(f.url, 'SELECT count(*)::int AS n FROM compliance_scan')
  // the first upload starts a parse worker: not part of any case's time
  const warm = await send(o.port, {
    name: 'warm-up',
    headers: { ...auth, 'content-type': 'application/json' },
    body: Buffer.from(validReport(1)),
    refused: false,
  })
  if (warm.status !== 201) problems.push(`hostile-scans: a valid report got ${warm.status}: ${warm.body.slice(0, 200)}`)
  const stored = await scans()
  const uploads: Upload[] = hostileScans.flatMap((h) => {
    const body = h.body()
    const raw = {
      name: h.name,
      headers: { ...auth, 'content-type': 'application/octet-stream', ...(h.gzip ? { 'content-encoding': 'gzip' } : {}) },
      body,
      refused: true,
    }
    const form = multipart(body, h.gzip)
    return [raw, { name: `${h.name}, as a form`, headers: { ...auth, ...form.headers }, body: form.body, refused: true }]
  })
  uploads.push({
    name: `a valid report at the limits (${SCAN_JSON_LIMITS.maxItems} matches, gzip)`,
    headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(validReport(SCAN_JSON_LIMITS.maxItems)),
    refused: false,
  })
  for (const u of uploads) {
    const rssStart = groupRssMiB(server.pid())
    let rssMax = rssStart
    // reading /proc is synchronous: sampled no more often than needed, not to slow the health poller
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, groupRssMiB(server.pid()))), 250)
    const health = pollHealth(o.port)
    const a = await send(o.port, u)
    const slowest = await health.stop()
    clearInterval(sampler)
    rssMax = Math.max(rssMax, groupRssMiB(server.pid()))
    const alive = await fetch(`http://127.0.0.1:${o.port}/api/health`).then((r) => r.status === 200, () => false)
    const growth = rssMax - rssStart
    const line = `${a.status || 'no answer'} in ${a.ms.toFixed(0)} ms, /api/health at most ${slowest.toFixed(0)} ms, RSS +${growth.toFixed(0)} MiB (peak ${rssMax.toFixed(0)})`
    console.log(`hostile-scans ${u.name.padEnd(64)} → ${line}`)
    const ok = u.refused ? a.status >= 400 && a.status < 500 && a.ms <= REFUSED_WITHIN_MS : a.status === 201 && a.ms <= ACCEPTED_WITHIN_MS
    if (!ok) problems.push(`hostile-scans ${u.name}: ${line}: ${a.body.slice(0, 200)}`)
    if (slowest > HEALTH_WITHIN_MS) problems.push(`hostile-scans ${u.name}: /api/health took ${slowest.toFixed(0)} ms meanwhile`)
    if (growth > MAX_RSS_GROWTH_MIB) problems.push(`hostile-scans ${u.name}: RSS grew ${growth.toFixed(0)} MiB (bound ${MAX_RSS_GROWTH_MIB})`)
    if (!alive) problems.push(`hostile-scans ${u.name}: the app no longer answers /api/health`)
    const expected = stored + (u.refused ? 0 : 1)
    if ((await scans()) !== expected) problems.push(`hostile-scans ${u.name}: ${await scans()} scans stored, expected ${expected}`)
    if (!alive) break
  }
  await server.kill()
  return problems
}

async function send(port: number, u: Upload) {
  return request(port, { path: '/api/v1/scans?service=hello', headers: u.headers, body: u.body }, new http.Agent({ keepAlive: false }), 2 * ACCEPTED_WITHIN_MS)
    .catch((err: Error) => ({ status: 0, body: err.message, ms: Infinity }))
}

// GET /api/health every 100 ms until stopped; the slowest answer (a hung one counts from its start)
function pollHealth(port: number) {
  let slowest = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const t0 = performance.now()
      await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.arrayBuffer(), () => undefined)
      slowest = Math.max(slowest, performance.now() - t0)
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  return { stop: async () => ((running = false), await loop, slowest) }
}

function multipart(file: Buffer, gzip: boolean): { headers: Record<string, string>; body: Buffer } {
  const boundary = `plimsoll${Date.now()}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report${gzip ? '.gz' : ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  }
}

// A Grype report of `n` matches of one vulnerability (so one finding is stored), each with a 1.8 KB
// description: at 50,000 matches about 95 MiB, the most the JSON limits let through.
function validReport(n: number): string {
  const match = JSON.stringify({
    vulnerability: { id: 'CVE-2024-0001', severity: 'High', description: 'x'.repeat(1800), fix: { state: 'fixed', versions: ['1.2.4'] } },
    artifact: { name: 'openssl', version: '1.2.3', locations: [{ path: '/usr/lib/libssl.so' }] },
  })
  return `{"matches":[${Array.from({ length: n }, () => match).join(',')}],"descriptor":{"name":"grype","version":"0.80.0"}}`
}
