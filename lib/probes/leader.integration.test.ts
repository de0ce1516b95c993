import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { startLeadership, type Leadership } from '@/lib/probes/leader'
import { startProbeService } from '@/lib/probes/probe-service'
import { listProbeChecks } from '@/lib/queries/probes/list-probe-checks'
import { upsertProbeCheck } from '@/lib/queries/probes/upsert-probe-check'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { loopbackAllowList, startTcpTarget } from '@/lib/testing/probe-targets'

// Worker processes each start a probe leadership on the same database; only the leader may probe.
const url = process.env.DATABASE_URL!
const FAST_MS = 250
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let serviceId: number
let target: Awaited<ReturnType<typeof startTcpTarget>>
const probes = new Map<string, number>()
const running: Leadership[] = []

// a worker named `name`: its probes are counted under its name; the check runs every 100 ms here
async function worker(name: string, retryMs: number): Promise<Leadership> {
  probes.set(name, 0)
  const leadership = await startLeadership({
    databaseUrl: url,
    retryMs,
    start: () => startProbeService({
      allowList: loopbackAllowList,
      offsetMs: () => 0,
      reloadMs: 3_600_000,
      listChecks: async () => (await listProbeChecks([serviceId])).map((c) => ({ ...c, intervalSeconds: 0.1 })),
      onResult: () => void probes.set(name, probes.get(name)! + 1),
    }),
  })
  running.push(leadership)
  return leadership
}

async function until(condition: () => boolean, ms: number): Promise<number> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`)
    await sleep(10)
  }
  return Date.now() - start
}

// what each worker probed during `ms`
async function probedDuring(ms: number): Promise<Record<string, number>> {
  const before = new Map(probes)
  await sleep(ms)
  return Object.fromEntries([...probes].map(([name, n]) => [name, n - (before.get(name) ?? 0)]))
}

beforeAll(async () => {
  const seeded = await seedTeamWithToken(url, 'leader')
  const slug = uniqueSlug('leader')
  serviceId = (await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [seeded.teamId, slug])).rows[0]!.id
  target = await startTcpTarget()
  await upsertProbeCheck(pool(), serviceId, {
    name: 'connect', kind: 'tcp', method: 'GET', url: null, host: target.host, port: target.port, expectStatusMin: 200, expectStatusMax: 299,
    bodyContains: null, timeoutMs: 300, intervalSeconds: 10, failureThreshold: 3, enabled: true,
  })
})

afterAll(async () => {
  for (const l of running) await l.stop()
  await target?.stop()
})

// PGlite (npm test without DATABASE_URL) serves every connection from one backend, so an advisory lock
// cannot keep a second session out; the embedded install (npm start) runs a single worker anyway.
describe.skipIf(!process.env.TEST_PG_ADMIN_URL)('probe scheduler leadership', () => {
  it('lets one of two workers probe, and the other take over when the leader dies or stops', async () => {
    // a: the first to start leads; it retries slowly, so once it loses the lead it stays a follower here
    const a = await worker('a', 60_000)
    const b = await worker('b', FAST_MS)
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false])
    const first = await probedDuring(1_000)
    expect(first.a).toBeGreaterThanOrEqual(5)
    expect(first.b).toBe(0)

    // a's process dies: PostgreSQL ends its session (as when the process is killed) and with it the lock
    await pool().query('SELECT pg_terminate_backend($1)', [a.backendPid()])
    const takeover = await until(() => b.isLeader(), 10_000)
    expect(takeover).toBeLessThan(FAST_MS + 2_000)
    // a hears of its ended session from its own socket's close, which may be read just after b's lock
    await until(() => !a.isLeader(), 2_000)
    await sleep(100) // a result of a probe already running when a stopped may still arrive
    const second = await probedDuring(1_000)
    expect(second.a).toBe(0)
    expect(second.b).toBeGreaterThanOrEqual(5)

    // a third worker joins as a follower; the leader stops on purpose and hands over by closing its session
    const c = await worker('c', FAST_MS)
    expect(c.isLeader()).toBe(false)
    await b.stop()
    await until(() => c.isLeader(), FAST_MS + 2_000)
    await sleep(100)
    const third = await probedDuring(1_000)
    expect(third).toMatchObject({ a: 0, b: 0 })
    expect(third.c).toBeGreaterThanOrEqual(5)
  })
})
