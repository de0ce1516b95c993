// Hostile requests against the unauthenticated entry points (issue 18 items 2, 8, 9): 25 MiB webhook
// bodies with made-up signatures (one and three at once), oversized and malformed ones, a wrong GitLab
// token, an address out of failures sending 25 MiB, session-cookie writes in a loop, and the security
// headers on pages whatever their path. Each must get its 4xx within 5 s while /api/health keeps
// answering within 500 ms, the process stays alive, RSS grows less than RSS_BOUND_MIB, and no delivery
// is stored.
import http from 'node:http'
import { request } from './sender'
import { app, createFixtures, fixturesEnv, groupRssMiB, scalar, sleep, type AppBuild } from './setup'

const MiB = 1024 * 1024
const ANSWER_MS = 5_000
const HEALTH_MS = 500
// three 25 MiB bodies held at once while their signatures are computed (75 MiB), plus the streams' copies
// and garbage not yet collected: measured +78 MiB (docs/security.md)
const RSS_BOUND_MIB = 256

type Case = { name: string; path: string; headers: Record<string, string>; body: Buffer | string; expect: number; times?: number }

export async function hostileWebhooksTest(o: { build: AppBuild; adminUrl: string; port: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'hostile_webhooks')
  const publicUrl = `https://127.0.0.1:${o.port}`
  const server = app(o.build, o.port, fixturesEnv(f, { PLIMSOLL_RATE_LIMITS: 'on', PLIMSOLL_PUBLIC_URL: publicUrl }), 'hostile-webhooks-app')
  await server.start()
  const problems: string[] = []
  const health = monitorHealth(o.port)
  const rssStart = groupRssMiB(server.pid())
  let rssMax = rssStart
  const big = Buffer.alloc(25 * MiB, ' ')
  const fakeSignature = `sha256=${'0'.repeat(64)}`
  const github = (id: string, signature = fakeSignature) => ({
    'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': id, 'x-hub-signature-256': signature,
  })
  const cases: Case[] = [
    { name: '25 MiB GitHub body, made-up signature', path: '/api/webhooks/github', headers: github('big-1'), body: big, expect: 401 },
    { name: '25 MiB GitHub body, made-up signature, 3 at once', path: '/api/webhooks/github', headers: github('big-3'), body: big, expect: 401, times: 3 },
    { name: '25 MiB GitHub body, malformed signature', path: '/api/webhooks/github', headers: github('bad', 'sha256=00'), body: big, expect: 401 },
    { name: 'GitHub body past 25 MiB', path: '/api/webhooks/github', headers: github('over'), body: Buffer.alloc(25 * MiB + 1, ' '), expect: 413 },
    {
      name: '25 MiB GitLab body, wrong token',
      path: '/api/webhooks/gitlab',
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'guess' },
      body: big,
      expect: 401,
    },
  ]
  const send = async (c: Case, agent = new http.Agent({ keepAlive: false })) => {
    const a = await request(o.port, c, agent, ANSWER_MS * 4).catch((err: Error) => ({ status: 0, ms: ANSWER_MS * 4, body: err.message }))
    rssMax = Math.max(rssMax, groupRssMiB(server.pid()))
    return a
  }
  const check = (name: string, answers: { status: number; ms: number; body: string }[], expect: number) => {
    const worst = answers.reduce((w, a) => (a.ms > w.ms || a.status !== expect ? a : w))
    const ok = answers.every((a) => a.status === expect && a.ms <= ANSWER_MS)
    console.log(
      `hostile-webhooks ${name.padEnd(50)} → ${answers.map((a) => a.status || 'closed').join(', ')} in ≤ ${worst.ms.toFixed(0)} ms${ok ? '' : `  UNEXPECTED: ${worst.body.slice(0, 120)}`}`,
    )
    if (!ok) problems.push(`hostile-webhooks ${name}: ${answers.map((a) => `${a.status} in ${a.ms.toFixed(0)} ms`).join(', ')}`)
  }
  for (const c of cases) check(c.name, await Promise.all(Array.from({ length: c.times ?? 1 }, () => send(c))), c.expect)

  // an address out of failures: refused before any of its 25 MiB is read
  const small = { path: '/api/webhooks/github', headers: github('guess'), body: '{}' }
  for (let i = 0; i < 25; i++) await request(o.port, small, new http.Agent({ keepAlive: false })).catch(() => null)
  check('25 MiB from an address out of failures', [await send({ name: '', ...small, body: big, expect: 429 })], 429)

  // session-cookie writes from one address, 120 in a burst: past the bucket (60), 429
  const statuses = new Map<number, number>()
  const signOuts = new http.Agent({ keepAlive: true, maxSockets: 8 })
  await Promise.all(Array.from({ length: 120 }, async () => {
    const a = await request(
      o.port,
      {
        path: '/api/auth/sign-out',
        headers: { origin: publicUrl, cookie: '__Secure-plimsoll.session_token=made-up', 'content-type': 'application/json' },
        body: '{}',
      },
      signOuts,
    ).catch(() => ({ status: 0 }))
    statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
  }))
  const tally = [...statuses].sort().map(([s, n]) => `${s || 'closed'} ${n}`).join(', ')
  console.log(`hostile-webhooks ${'120 sign-outs from one address at once'.padEnd(50)} → ${tally}`)
  if (!statuses.get(429) || [...statuses.keys()].some((s) => s === 0 || s >= 500)) problems.push(`hostile-webhooks session writes: ${tally}`)

  // security headers at run time, on pages whatever their path ends in
  for (const p of ['/services/api.v2', '/services/notes.txt', '/services/logo.png', '/sign-in', '/api/health', '/_next/static/none.js']) {
    const res = await fetch(`http://127.0.0.1:${o.port}${p}`, { redirect: 'manual' })
    const missing = ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'x-content-type-options'].filter((h) => !res.headers.get(h))
    if (missing.length) problems.push(`hostile-webhooks ${p}: no ${missing.join(', ')}`)
  }

  const { maxMs, failures, samples } = await health.stop()
  const stored = await scalar(f.url, 'SELECT count(*)::int FROM webhook_delivery')
  const alive = await fetch(`http://127.0.0.1:${o.port}/api/health`).then((r) => r.ok, () => false)
  console.log(`hostile-webhooks /api/health meanwhile: ${samples} checks, slowest ${maxMs.toFixed(0)} ms, ${failures} failed; `
    + `RSS ${rssStart.toFixed(0)} → max ${rssMax.toFixed(0)} MiB (bound +${RSS_BOUND_MIB}); deliveries stored: ${stored}; alive: ${alive}`)
  if (maxMs > HEALTH_MS || failures) problems.push(`hostile-webhooks: /api/health slowest ${maxMs.toFixed(0)} ms, ${failures} failed, while the cases ran`)
  if (rssMax - rssStart > RSS_BOUND_MIB) problems.push(`hostile-webhooks: RSS grew from ${rssStart.toFixed(0)} to ${rssMax.toFixed(0)} MiB`)
  if (stored !== 0) problems.push(`hostile-webhooks: ${stored} deliveries stored`)
  if (!alive) problems.push('hostile-webhooks: the app stopped answering')
  await server.kill()
  return problems
}

// /api/health every 100 ms on its own connection, until stopped: the slowest answer and the failures.
function monitorHealth(port: number) {
  let running = true
  let maxMs = 0
  let failures = 0
  let samples = 0
  const loop = (async () => {
    while (running) {
      const t0 = performance.now()
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false)
      maxMs = Math.max(maxMs, performance.now() - t0)
      samples++
      if (!ok) failures++
      await sleep(100)
    }
  })()
  return { stop: async () => ((running = false), await loop, { maxMs, failures, samples }) }
}
