// Slow or full database, on the private cluster: (1) a session holds an EXCLUSIVE lock on `deployment`
// for `holdMs` while deployments arrive from more connections than the pool has: the statements time out
// (DB_STATEMENT_TIMEOUT_MS) and the waiting requests find no pooled connection (DB_CONNECT_TIMEOUT_MS);
// (2) every connection slot of the server is taken: new connections fail with "too many clients". Both
// must be 503s with Retry-After while the process stays up, and everything acknowledged stored once.
import pg from 'pg'
import { countDeployments } from './count-rows'
import { deploymentEvent } from './payloads'
import type { PrivatePg } from './private-pg'
import { HUNG_MS, describeTally, newTally, printCounts, sendAll, type Tally } from './sender'
import { app, createFixtures, fixturesEnv, log, sleep, type AppBuild } from './setup'

const POOL = 4
const TIMEOUT_MS = 1_500

export async function slowDbTest(o: { build: AppBuild; pg: PrivatePg; port: number; holdMs?: number }): Promise<string[]> {
  const f = await createFixtures(o.pg.adminUrl, 'slow')
  const env = fixturesEnv(f, { DB_POOL_MAX: String(POOL), DB_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS), DB_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS) })
  const server = app(o.build, o.port, env, 'slow-app')
  await server.start()
  const pid = server.pid()
  const problems: string[] = []
  const check = (name: string, t: Tally, expect503: boolean) => {
    const other = [...t.statuses].filter(([k]) => k.startsWith('5') && k !== '503')
    if (other.length) problems.push(`slow-db ${name}: ${other.map(([k, v]) => `${k} ×${v}`).join(', ')}: ${t.violations.slice(0, 3).join(' | ')}`)
    if (t.hung) problems.push(`slow-db ${name}: ${t.hung} requests past ${HUNG_MS / 1000} s`)
    if (t.retryAfterMissing) problems.push(`slow-db ${name}: ${t.retryAfterMissing} 503s without Retry-After`)
    if (expect503 && !(t.statuses.get('503') ?? 0)) problems.push(`slow-db ${name}: no 503 seen`)
  }

  // (1) statement timeout + pool exhaustion: a lock held while 32 connections send
  const locked = Array.from({ length: 400 }, (_, i) => deploymentEvent(f, `slow-${i}`, i))
  const holder = new pg.Client({ connectionString: f.url })
  await holder.connect()
  await holder.query('BEGIN')
  await holder.query('LOCK TABLE deployment IN EXCLUSIVE MODE')
  log(`slow-db: deployment locked for ${(o.holdMs ?? 8_000) / 1000} s; pool ${POOL}, timeouts ${TIMEOUT_MS} ms`)
  const release = sleep(o.holdMs ?? 8_000).then(() => holder.query('COMMIT')).then(() => holder.end())
  const lockTally = await sendAll(locked, () => o.port, { concurrency: 32 })
  await release
  log(`slow-db lock: ${describeTally(lockTally)}`)
  check('lock', lockTally, true)

  // (2) a full server: wait until the app's idle connections closed (pg's idle timeout is 10 s), then take every slot
  await sleep(11_000)
  const hogs: pg.Client[] = []
  for (;;) {
    const c = new pg.Client({ connectionString: o.pg.adminUrl })
    try {
      await c.connect()
      hogs.push(c)
    } catch {
      break
    }
    if (hogs.length > 500) break
  }
  log(`slow-db: holding all ${hogs.length} connection slots`)
  const full = Array.from({ length: 200 }, (_, i) => deploymentEvent(f, `full-${i}`, 1000 + i))
  const fullTally = newTally()
  const refused = sendAll(full, () => o.port, { concurrency: 16 }, fullTally)
  await sleep(4_000)
  const refusedWhileFull = fullTally.statuses.get('503') ?? 0
  await Promise.all(hogs.map((c) => c.end().catch(() => undefined)))
  await refused
  log(`slow-db full: ${describeTally(fullTally)}`)
  check('full', fullTally, true)

  const alive = server.pid() === pid && server.server.child.exitCode === null
  await server.kill()
  const counts = [await countDeployments(f.url, 'slow-', lockTally), await countDeployments(f.url, 'full-', fullTally)]
  counts[0]!.what = 'deployments, table locked'
  counts[1]!.what = 'deployments, server full'
  printCounts('slow-db', counts)
  console.log(
    `slow-db       lock: ${[...lockTally.statuses].map(([k, v]) => `${k} ${v}`).join(', ')}; full: ${[...fullTally.statuses].map(([k, v]) => `${k} ${v}`).join(', ')} ` +
      `(${refusedWhileFull} refused with 503 while ${hogs.length} slots were taken); same process throughout: ${alive}`,
  )
  for (const c of counts) {
    if (c.lost || c.duplicates || c.acknowledged !== c.sent)
      problems.push(`slow-db ${c.what}: lost ${c.lost}, duplicates ${c.duplicates}, unacknowledged ${c.sent - c.acknowledged}`)
  }
  if (!alive) problems.push('slow-db: the app process died')
  return problems
}
