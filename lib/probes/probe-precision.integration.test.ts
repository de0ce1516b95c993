import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { updateServiceSlo } from '@/lib/queries/probes/update-service-slo'
import { upsertProbeCheck, type ProbeCheckConfig } from '@/lib/queries/probes/upsert-probe-check'
import { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } from '@/lib/testing/seed-team'
import { startHttpTarget } from '@/lib/testing/probe-targets'
import { runScriptedProbes } from '@/lib/testing/scripted-probes'
import { metricsQuery } from '@/lib/validation/metrics'
import type { SloStatus } from '@/lib/metrics/slo'
import type { TokenPrincipal } from '@/lib/auth/principal'

// Issue 27's probe scenario: a 37 s outage of a real HTTP target probed every 10 s (scheduler on a manual
// clock), starting at several phases against the probes, is told as 37 s within the stated bound; and a
// 99.999 % target on 60 s probes is flagged too coarse (its 26 s budget is less than one interval).
const T0 = Date.parse('2026-05-01T10:00:00Z')
const END = 300
const PHASES = [0, 2.5, 5, 9.9] // seconds after a probe the outage begins
const OUTAGE = 37

const check = (c: Partial<ProbeCheckConfig>): ProbeCheckConfig => ({
  name: 'health', kind: 'http', method: 'GET', url: null, host: null, port: null, expectStatusMin: 200, expectStatusMax: 299,
  bodyContains: null, timeoutMs: 300, intervalSeconds: 10, failureThreshold: 3, enabled: true, ...c,
})

let caller: TokenPrincipal
const slugs: string[] = []
const ids: number[] = []
const coarse = { slug: uniqueSlug('coarse'), fine: uniqueSlug('fine') }
const targets: Awaited<ReturnType<typeof startHttpTarget>>[] = []

beforeAll(async () => {
  const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'precision')
  caller = tokenPrincipalOf(seeded)
  const service = async (slug: string) => (await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [seeded.teamId, slug])).rows[0]!.id
  for (const phase of PHASES) {
    const slug = uniqueSlug(`phase${String(phase).replace('.', '-')}`)
    const id = await service(slug)
    const target = await startHttpTarget()
    await upsertProbeCheck(pool(), id, check({ url: target.url }))
    slugs.push(slug)
    ids.push(id)
    targets.push(target)
  }
  // five nines on 60 s probes, and on 10 s probes (not flagged); both never down
  for (const [slug, interval] of [[coarse.slug, 60], [coarse.fine, 10]] as const) {
    const id = await service(slug)
    await updateServiceSlo(pool(), id, 99.999, 'rolling_30d')
    const target = await startHttpTarget()
    await upsertProbeCheck(pool(), id, check({ url: target.url, intervalSeconds: interval }))
    ids.push(id)
    targets.push(target)
  }
  await runScriptedProbes(ids, T0, END, (s) => {
    PHASES.forEach((phase, i) => targets[i]!.setMode(s >= 100 + phase && s < 100 + phase + OUTAGE ? 'error' : 'up'))
  })
}, 120_000)

afterAll(async () => Promise.all(targets.map((t) => t.stop())))

const services = async () => {
  const r = await getMetricsReport(caller, metricsQuery.parse({ from: new Date(T0).toISOString(), to: new Date(T0 + END * 1000).toISOString() }), new Date(T0 + END * 1000))
  return r.metrics.availability.summary.services as { service: string; downtimeSeconds: number; availability: number; slo: SloStatus }[]
}

describe('probe downtime told precisely', () => {
  it.each(PHASES.map((p, i) => [p, i]))('a 37 s outage starting %f s after a probe is told within its bound of 10 s', async (_phase, i) => {
    const s = (await services()).find((x) => x.service === slugs[i])!
    expect(s.slo.downtimeSeconds).toBe(s.downtimeSeconds)
    expect(s.slo.downtimeErrorSeconds).toBe(10) // half a 10 s interval at each edge
    expect(Math.abs(s.downtimeSeconds - OUTAGE)).toBeLessThanOrEqual(s.slo.downtimeErrorSeconds)
    expect(s.availability).toBeCloseTo(1 - s.downtimeSeconds / END, 12)
  })

  it('a 99.999 % target on 60 s probes is flagged too coarse; on 10 s probes it is not', async () => {
    const all = await services()
    const flagged = all.find((x) => x.service === coarse.slug)!.slo
    expect([flagged.probeIntervalSeconds, flagged.probesTooCoarse]).toEqual([60, true])
    expect(flagged.budget.totalSeconds).toBeCloseTo(25.92, 9)
    expect(all.find((x) => x.service === coarse.fine)!.slo).toMatchObject({ probeIntervalSeconds: 10, probesTooCoarse: false })
  })
})
