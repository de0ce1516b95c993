import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { upsertProbeCheck, type ProbeCheckConfig } from '@/lib/queries/probes/upsert-probe-check'
import { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } from '@/lib/testing/seed-team'
import { startHttpTarget, startTcpTarget, type HttpMode } from '@/lib/testing/probe-targets'
import { runScriptedProbes } from '@/lib/testing/scripted-probes'
import { metricsQuery } from '@/lib/validation/metrics'
import type { TokenPrincipal } from '@/lib/auth/principal'

// Real HTTP and TCP servers go down and come back on a script; the scheduler runs on a manual clock
// (10 s intervals, no jitter), so every sample time, and so every outage, is known to the second.
const T0 = Date.parse('2026-05-01T10:00:00Z')
const END = 400 // seconds of script
const url = process.env.DATABASE_URL!

const check = (c: Partial<ProbeCheckConfig>): ProbeCheckConfig => ({
  name: 'health', kind: 'http', method: 'GET', url: null, host: null, port: null, expectStatusMin: 200, expectStatusMax: 299,
  bodyContains: null, timeoutMs: 300, intervalSeconds: 10, failureThreshold: 3, enabled: true, ...c,
})

// [from, to) in seconds: the target misbehaves this way
const httpScript: [number, number, HttpMode][] = [[60, 150, 'error'], [200, 240, 'hang'], [300, 320, 'wrong-body'], [350, 380, 'wrong-body']]
const tcpScript: [number, number][] = [[100, 120], [250, 290]]

let caller: TokenPrincipal
let services: { web: string; db: string }
let ids: { web: number; db: number }
const targets: { stop: () => Promise<void> }[] = []

beforeAll(async () => {
  const seeded = await seedTeamWithToken(url, 'probes')
  caller = tokenPrincipalOf(seeded)
  services = { web: uniqueSlug('web'), db: uniqueSlug('db') }
  const serviceId = async (slug: string) => (await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [seeded.teamId, slug])).rows[0]!.id
  ids = { web: await serviceId(services.web), db: await serviceId(services.db) }
  const web = await startHttpTarget()
  const db = await startTcpTarget()
  targets.push(web, db)
  await upsertProbeCheck(pool(), ids.web, check({ url: web.url, bodyContains: 'status: ok' }))
  await upsertProbeCheck(pool(), ids.db, check({ name: 'connect', kind: 'tcp', host: db.host, port: db.port }))

  await runScriptedProbes([ids.web, ids.db], T0, END, async (s) => {
    web.setMode(httpScript.find(([a, b]) => s >= a && s < b)?.[2] ?? 'up')
    if (tcpScript.some(([a, b]) => s >= a && s < b)) await db.down()
    else await db.up()
  })
}, 120_000)

afterAll(async () => {
  for (const t of targets) await t.stop()
})

const iso = (s: number) => new Date(T0 + s * 1000).toISOString()
const report = () => getMetricsReport(caller, metricsQuery.parse({ from: iso(0), to: iso(END), granularity: 'day' }), new Date(T0 + END * 1000))

describe('probes against real servers on a scripted clock', () => {
  it('stores only the state changes, at the first failing and the first passing sample', async () => {
    const { rows } = await pool().query<{ service: string; at: Date; up: boolean; detail: string | null }>(`
      SELECT s.slug AS service, sc.at, sc.up, sc.detail FROM probe_state_change sc JOIN probe_check c ON c.id = sc.check_id
      JOIN service s ON s.id = c.service_id WHERE c.service_id = ANY($1::int[]) ORDER BY s.slug = $2 DESC, sc.at`, [[ids.web, ids.db], services.web])
    const seconds = (r: { at: Date }) => (r.at.getTime() - T0) / 1000
    expect(rows.filter((r) => r.service === services.web).map((r) => [seconds(r), r.up])).toEqual([
      [0, true], [60, false], [150, true], [200, false], [240, true], [300, false], [320, true], [350, false], [380, true],
    ])
    expect(rows.filter((r) => r.service === services.db).map((r) => [seconds(r), r.up])).toEqual([[0, true], [100, false], [120, true], [250, false], [290, true]])
    const details = rows.filter((r) => !r.up).map((r) => r.detail)
    expect(details).toEqual(expect.arrayContaining(['status 503 (expected 200-299)', 'no answer within 300 ms', 'body does not contain "status: ok"', 'ECONNREFUSED']))
  })

  it('opens an outage incident after 3 failures from the first failing sample and resolves it on recovery', async () => {
    const { rows } = await pool().query<{ service_id: number; opened_at: Date; resolved_at: Date; source: string; is_outage: boolean; title: string }>(
      'SELECT service_id, opened_at, resolved_at, source, is_outage, title FROM incident WHERE service_id = ANY($1::int[]) ORDER BY opened_at', [[ids.web, ids.db]])
    // web: 9 failures, 4 failures, 2 (none), 3 (one); db: 2 (none), 4 (one)
    expect(rows.map((r) => [r.service_id === ids.web ? 'web' : 'db', (r.opened_at.getTime() - T0) / 1000, (r.resolved_at.getTime() - T0) / 1000])).toEqual([
      ['web', 60, 150], ['web', 200, 240], ['db', 250, 290], ['web', 350, 380],
    ])
    expect(rows.every((r) => r.source === 'probe' && r.is_outage)).toBe(true)
    expect(rows[0]!.title).toBe('health failing: status 503 (expected 200-299)')
  })

  it('availability and time to restore match the script to the second, outages and probe downtime counted once', async () => {
    // Recomputed by hand for the midpoint rule (issue 27): every sample gap is 10 s, so each probe-down interval moves 5 s earlier
    // at both ends (web 55-145, 195-235, 295-315, 345-375; db 95-115, 245-285), its length and these figures unchanged.
    const r = await report()
    const perService = Object.fromEntries((r.metrics.availability.summary.services as { service: string; downtimeSeconds: number; availability: number }[]).map((s) => [s.service, s]))
    expect(perService[services.web]).toMatchObject({ downtimeSeconds: 90 + 40 + 20 + 30, availability: 1 - 180 / END })
    expect(perService[services.db]).toMatchObject({ downtimeSeconds: 20 + 40, availability: 1 - 60 / END })
    // the SLO (default 99.9% over 30 rolling days) at the report's now: 3 min of a 43.2 min budget spent
    const slo = (perService[services.web] as unknown as { slo: { budget: { totalMinutes: number; spentMinutes: number }; burnRate: { oneHour: number; sixHours: number } } }).slo
    expect(slo.budget.totalMinutes).toBeCloseTo(43.2, 9)
    expect(slo.budget.spentMinutes).toBe(3)
    expect(slo.burnRate.oneHour).toBeCloseTo(180 / 3600 / 0.001, 9)
    expect(slo.burnRate.sixHours).toBeCloseTo(180 / 21_600 / 0.001, 9)
    // restore times 90, 40, 40 and 30 s
    expect(r.metrics.timeToRestore.summary).toMatchObject({ count: 4, mean: 50, median: 40 })
  })

  it('writes per-minute rollups: passing and failing samples per minute of the hour', async () => {
    const { rows } = await pool().query<{ ok: number[]; fail: number[]; latency_ms: number[] }>(
      'SELECT ok, fail, latency_ms FROM probe_rollup r JOIN probe_check c ON c.id = r.check_id WHERE c.service_id = $1', [ids.web])
    expect(rows).toHaveLength(1)
    // minute m holds the samples at 60m .. 60m + 50 s (see the scripts above)
    expect(rows[0]!.ok.slice(0, 8)).toEqual([6, 0, 3, 2, 6, 3, 3, 0])
    expect(rows[0]!.fail.slice(0, 8)).toEqual([0, 6, 3, 4, 0, 3, 2, 0])
    expect(rows[0]!.latency_ms[3]).toBeGreaterThanOrEqual(Math.floor((4 * 300) / 6))
  })
})
