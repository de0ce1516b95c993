import { describe, expect, it } from 'vitest'
import { getStrategyComparison } from '@/lib/engine/get-strategy-comparison'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { parseDeploymentRequest } from '@/lib/ingest/parse-deployment-request'
import { ingestAvailabilityResult } from '@/lib/probes/ingest-availability'
import { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } from '@/lib/testing/seed-team'
import { availabilityResultSchema } from '@/lib/validation/availability'
import { strategiesQuery } from '@/lib/validation/metrics'
import { updateService } from '@/lib/queries/settings/services'
import { getTeamServiceBySlug } from '@/lib/queries/get-service-by-slug'

// Issue 22 items 4 and 5: the strategies side by side on a hand-computed organisation, and the
// deployment-induced downtime of a scripted outage to the second. Expected values are worked out by hand.
const url = process.env.DATABASE_URL!
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }
const window = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }
const t = (day: number, hms: string) => `2026-03-${String(day).padStart(2, '0')}T${hms}Z`
const plus = (iso: string, seconds: number) => new Date(new Date(iso).getTime() + seconds * 1000).toISOString()

async function build() {
  const caller = tokenPrincipalOf(await seedTeamWithToken(url, 'strategies'))
  const shop = uniqueSlug('shop')
  const legacy = uniqueSlug('legacy')
  const deploy = async (service: string, body: Record<string, unknown>) => {
    const { inputs } = parseDeploymentRequest({ service, environment: 'production', ...body }, new Date())
    await ingestDeployments(caller, inputs, raw)
  }
  const probe = async (check: string, at: string, up: boolean) =>
    ingestAvailabilityResult(caller, availabilityResultSchema.parse({ service: shop, check, at, up }), raw)

  // shop is probed from March 1st by two external checks
  await probe('http', t(1, '00:00:00'), true)
  await probe('tcp', t(1, '00:00:00'), true)

  // five canaries on shop, each ready 60 s more after its start than the one before (60..300 s); c2 aborted
  // at 10 %, c4 at 25 %; c3 recovers c2 30 min after it, c5 recovers c4 10 min after it
  const canary = (n: number, day: number, extra: Record<string, unknown>) => {
    const startedAt = t(day, '09:00:00')
    return deploy(shop, { id: `c${n}`, strategy: 'canary', startedAt, ...extra, rollout: { readyAt: plus(startedAt, 60 * n), ...(extra.rollout as object) } })
  }
  const promoted = (day: number) => ({ steps: [{ weight: 10, startedAt: t(day, '09:06:00') }], promotedAt: t(day, '09:10:00') })
  await canary(1, 2, { status: 'success', finishedAt: t(2, '09:10:00'), rollout: promoted(2), commits: [{ sha: 'c100001', committedAt: t(2, '08:00:00') }] })
  await canary(2, 3, { status: 'failure', finishedAt: t(3, '09:10:00'),
    rollout: { steps: [{ weight: 5, startedAt: t(3, '09:06:00') }, { weight: 10, startedAt: t(3, '09:08:00') }], abortedAt: t(3, '09:09:00') } })
  await canary(3, 3, { status: 'success', finishedAt: t(3, '09:40:00'), startedAt: t(3, '09:20:00'), rollout: { readyAt: t(3, '09:23:00') },
    commits: [{ sha: 'c300003', committedAt: t(3, '06:40:00') }] })
  await canary(4, 5, { status: 'failure', finishedAt: t(5, '09:10:00'),
    rollout: { steps: [{ weight: 5, startedAt: t(5, '09:05:00') }, { weight: 25, startedAt: t(5, '09:07:00') }], abortedAt: t(5, '09:09:00') } })
  await canary(5, 5, { status: 'success', finishedAt: t(5, '09:20:00'), startedAt: t(5, '09:15:00'), rollout: { readyAt: t(5, '09:20:00') },
    commits: [{ sha: 'c500005', committedAt: t(5, '04:20:00') }] })

  // five recreate deployments on shop; the scripted outages:
  // r1 09:00:00-09:02:00 (+300 s grace: to 09:07:00): http down 09:00:17-09:02:45, tcp down 09:01:00-09:03:30 -> one
  //    span 09:00:17-09:03:30 = 193 s
  // r2 10:00:00-10:01:00 (grace to 10:06:00): http down 10:05:30-10:20:00 -> 30 s; outages on other days count for none
  for (const [n, day] of [[1, 10], [2, 12], [3, 14], [4, 16], [5, 18]] as const) {
    await deploy(shop, { id: `r${n}`, strategy: 'recreate', status: 'success', startedAt: t(day, n === 2 ? '10:00:00' : '09:00:00'),
      finishedAt: t(day, n === 2 ? '10:01:00' : '09:02:00') })
  }
  await probe('http', t(10, '09:00:17'), false)
  await probe('tcp', t(10, '09:01:00'), false)
  await probe('http', t(10, '09:02:45'), true)
  await probe('tcp', t(10, '09:03:30'), true)
  await probe('http', t(11, '03:00:00'), false)
  await probe('http', t(11, '03:10:00'), true)
  await probe('http', t(12, '10:05:30'), false)
  await probe('http', t(12, '10:20:00'), true)

  // legacy has no probes: three rolling deployments, below the minimum sample
  for (const n of [1, 2, 3]) await deploy(legacy, { id: `l${n}`, strategy: 'rolling', status: 'success', finishedAt: t(20 + n, '12:00:00') })
  return { caller, shop, legacy }
}

describe('GET /api/v1/metrics/strategies (hand-computed)', () => {
  it('compares the strategies: CFR with its Wilson interval, blast radius, recovery, readiness, lead time, downtime', async () => {
    const { caller, shop, legacy } = await build()
    const r = await getStrategyComparison(caller, strategiesQuery.parse(window))
    const by = Object.fromEntries(r.strategies.map((s) => [s.strategy, s]))
    expect(r.strategies.map((s) => s.strategy)).toEqual(['rolling', 'blue_green', 'canary', 'recreate', 'ab_test', 'other'])

    // canary: 2 of 5 failed; Wilson 95 % for 2/5 (worked out separately): [0.1176, 0.7693]
    const c = by.canary!
    expect(c).toMatchObject({ deployments: 5, notEnoughData: null, changeFailureRate: { value: 0.4, failures: 2 } })
    expect(c.changeFailureRate.interval!.low).toBeCloseTo(0.1176, 4)
    expect(c.changeFailureRate.interval!.high).toBeCloseTo(0.7693, 4)
    // failures reached 10 % and 25 %: median 17.5; recovered after 30 and 10 min: median 20 min
    expect(c.blastRadius).toEqual({ median: 17.5, known: 2 })
    expect(c.recoveryTime).toEqual({ median: 1200, recovered: 2, unrecovered: 0 })
    // ready after 60, 120, 180 (c3: 09:20 -> 09:23), 240, 300 (c5: 09:15 -> 09:20) s: median 180, p90 240 + 0.6 x 60
    expect(c.startToReady).toEqual({ median: 180, p90: 276, count: 5 })
    // leads 1 h 10 min (c1), 3 h (c3), 5 h (c5): median 3 h
    expect(c.leadTime).toEqual({ median: 3 * 3600, changes: 3 })
    expect(c.downtime).toEqual({ measured: 5, zeroDowntime: 5, zeroDowntimeRate: 1, totalSeconds: 0 })

    // recreate: 193 s (r1) + 30 s (r2) to the second; three without downtime
    expect(by.recreate).toMatchObject({ deployments: 5, changeFailureRate: { value: 0, failures: 0 }, reworkRate: { value: 0 } })
    expect(by.recreate!.downtime).toEqual({ measured: 5, zeroDowntime: 3, zeroDowntimeRate: 0.6, totalSeconds: 223 })

    // rolling: only on the unprobed service (no data, never zero), and too few to compare
    expect(by.rolling).toMatchObject({ deployments: 3, notEnoughData: 'not enough data: 3 of the 5 finished deployments needed',
      changeFailureRate: { value: null, interval: null }, downtime: { measured: 0, zeroDowntimeRate: null, totalSeconds: null } })
    expect(by.other).toMatchObject({ deployments: 0, changeFailureRate: { value: null } })

    expect(r.trend).toEqual([{ month: '2026-03-01', strategies: expect.objectContaining({
      canary: { deployments: 5, failures: 2, rate: 0.4 }, recreate: { deployments: 5, failures: 0, rate: 0 }, rolling: { deployments: 3, failures: 0, rate: null },
    }) }])
    expect(r.mix).toEqual([
      { service: legacy, deployments: 3, strategies: { rolling: { deployments: 3, share: 1 } } },
      { service: shop, deployments: 10, strategies: { canary: { deployments: 5, share: 0.5 }, recreate: { deployments: 5, share: 0.5 } } },
    ].sort((a, b) => a.service.localeCompare(b.service)))

    // the grace period is the service's setting: without one, r1 counts to its finish (09:00:17-09:02:00, 103 s) and r2's outage is not its doing
    const service = (await getTeamServiceBySlug(caller.teamId, shop))!
    expect(await updateService(service.id, { downtimeGraceMinutes: 0 })).toMatchObject({ downtimeGraceMinutes: 0 })
    const noGrace = await getStrategyComparison(caller, strategiesQuery.parse(window))
    expect(noGrace.strategies.find((s) => s.strategy === 'recreate')!.downtime).toEqual({ measured: 5, zeroDowntime: 4, zeroDowntimeRate: 0.8, totalSeconds: 103 })
  })

  it('refuses a bad window naming the field', () => {
    const q = strategiesQuery.safeParse({ from: window.to, to: window.from })
    expect(q.error?.issues.map((i) => i.path.join('.'))).toEqual(['to'])
    expect(strategiesQuery.safeParse({ ...window, strategy: 'canary' }).success).toBe(false)
  })
})
