// Database restart: deployments at full speed while the private PostgreSQL is stopped (fast: sessions
// terminated), kept down `downMs`, and started again. While it is down the app must answer 503 with
// Retry-After (never 500, never past 10 s); afterwards it must work again without being restarted, and
// every acknowledged deployment must be stored once.
import http from 'node:http'
import { countDeployments } from './count-rows'
import { deploymentEvent } from './payloads'
import type { PrivatePg } from './private-pg'
import { HUNG_MS, describeTally, newTally, printCounts, sendAll } from './sender'
import { app, createFixtures, fixturesEnv, log, sleep, type AppBuild } from './setup'

export async function dbRestartTest(o: {
  build: AppBuild
  pg: PrivatePg
  port: number
  events: number
  concurrency: number
  downMs?: number
}): Promise<string[]> {
  const f = await createFixtures(o.pg.adminUrl, 'restart')
  const server = app(o.build, o.port, fixturesEnv(f), 'restart-app')
  await server.start()
  const events = Array.from({ length: o.events }, (_, i) => deploymentEvent(f, `restart-${i}`, i))
  const t = newTally()
  // a probe of GET /api/health every 200 ms through the whole run: what a load balancer would see
  const health = new Map<string, number>()
  let probing = true
  const agent = new http.Agent({ keepAlive: true })
  const probe = (async () => {
    while (probing) {
      const key = await fetchStatus(o.port, agent)
      health.set(key, (health.get(key) ?? 0) + 1)
      await sleep(200)
    }
  })()
  let done = 0
  let fault: Promise<void> | undefined
  let downFor = 0
  const onProgress = () => {
    if (++done !== Math.floor(o.events / 3)) return
    fault = (async () => {
      log(`db-restart: stopping PostgreSQL after ${done} deployments`)
      const t0 = Date.now()
      await o.pg.stop()
      await sleep(o.downMs ?? 5_000)
      await o.pg.start()
      downFor = Date.now() - t0
      log(`db-restart: PostgreSQL up again after ${(downFor / 1000).toFixed(1)} s`)
    })()
  }
  const started = Date.now()
  await sendAll(events, () => o.port, { concurrency: o.concurrency, onProgress }, t)
  await fault
  probing = false
  await probe
  agent.destroy()
  log(`db-restart: ${((Date.now() - started) / 1000).toFixed(0)} s; ${describeTally(t)}`)
  const healthyAfter = (await fetchStatus(o.port)) === '200'
  const sameProcess = server.server.child.exitCode === null
  await server.kill()
  const count = await countDeployments(f.url, 'restart-', t)
  printCounts('db-restart', [count])
  const statuses = [...t.statuses].map(([k, v]) => `${k} ${v}`).join(', ')
  console.log(
    `db-restart    PostgreSQL down ${(downFor / 1000).toFixed(1)} s; answers: ${statuses}; 503 without Retry-After: ${t.retryAfterMissing}; ` +
      `past ${HUNG_MS / 1000} s: ${t.hung}; /api/health: ${[...health].map(([k, v]) => `${k} ${v}`).join(', ')}; healthy afterwards without a restart: ${healthyAfter && sameProcess}`,
  )
  const problems: string[] = []
  if (count.lost) problems.push(`db-restart: ${count.lost} acknowledged deployments lost`)
  if (count.duplicates) problems.push(`db-restart: ${count.duplicates} duplicates`)
  if (count.acknowledged !== count.sent) problems.push(`db-restart: ${count.sent - count.acknowledged} never acknowledged`)
  const fives = [...t.statuses].filter(([k]) => k.startsWith('5') && k !== '503')
  if (fives.length || (health.get('500') ?? 0) > 0)
    problems.push(
      `db-restart: answers other than 503 in the 5xx range: ${fives.map(([k, v]) => `${k} ×${v}`).join(', ')} ${t.violations.slice(0, 3).join(' | ')}`,
    )
  if (t.retryAfterMissing) problems.push(`db-restart: ${t.retryAfterMissing} 503/409 answers without Retry-After`)
  if (t.hung) problems.push(`db-restart: ${t.hung} requests took longer than ${HUNG_MS / 1000} s`)
  if (!(t.statuses.get('503') ?? 0) && !(health.get('503') ?? 0)) problems.push('db-restart: no 503 seen: the restart did not hit a request')
  if (!healthyAfter || !sameProcess) problems.push('db-restart: the app did not recover by itself')
  return problems
}

async function fetchStatus(port: number, agent?: http.Agent): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent, timeout: HUNG_MS }, (res) => {
      res.resume()
      res.on('end', () => resolve(String(res.statusCode)))
    })
    req.on('timeout', () => req.destroy(new Error('hung')))
    req.on('error', (err) => resolve(err.message === 'hung' ? 'hung' : 'connection error'))
  })
}
