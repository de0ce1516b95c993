import { describe, expect, it } from 'vitest'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { metricsQuery } from '@/lib/validation/metrics'
import { pool } from '@/lib/db'
import { buildScenario, type Scenario, type ScenarioDeployment, type ScenarioIncident } from '@/lib/testing/metric-scenario'

// Hand-computed answers for small organisations built through the real ingest path.
const url = process.env.DATABASE_URL!
const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' } // 30 days
const now = new Date('2026-04-15T00:00:00Z')
const H = 3600
const D = 86_400

async function report(s: Scenario, query: Record<string, string> = {}) {
  return getMetricsReport(s.caller, metricsQuery.parse({ ...window, ...query }), now)
}
const scenario = (deployments: ScenarioDeployment[], incidents: ScenarioIncident[] = []) => buildScenario(url, deployments, incidents)

describe('metrics engine on PostgreSQL (hand-computed scenarios)', () => {
  it('empty window: zero deployments, no samples, a warning', async () => {
    const r = await report(await scenario([{ service: 'api', id: 'old', at: '2025-01-01T00:00:00Z' }]))
    const m = r.metrics
    expect(m.deploymentFrequency.summary).toMatchObject({ count: 0, perDay: 0, deploymentDays: 0 })
    // no finished deployment: below the minimum sample of 5, so no level (it read 'low' before issue 20)
    expect([m.deploymentFrequency.level, m.deploymentFrequency.levelReason]).toEqual([null, 'not enough data: 0 of the 5 finished deployments needed'])
    expect(m.deploymentFrequency.warnings).toHaveLength(1)
    expect([m.leadTime.headline.value, m.leadTime.level, m.leadTime.sampleSize]).toEqual([null, null, 0])
    expect([m.changeFailureRate.headline.value, m.changeFailureRate.level]).toEqual([null, null])
    expect(m.timeToRestore.summary).toMatchObject({ count: 0, median: null })
    expect(m.deploymentFrequency.series.map((p) => p.bucket)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'])
  })

  it('single deployment with one commit', async () => {
    const r = await report(await scenario([{ service: 'api', id: 'd1', at: '2026-03-10T00:00:00Z', commits: [{ sha: 'aaaaaaa', committedAt: '2026-03-09T12:00:00Z' }] }]))
    const m = r.metrics
    expect(m.deploymentFrequency.summary).toMatchObject({ count: 1, perDay: 1 / 30, perWeek: 7 / 30, deploymentDays: 1 })
    expect(m.leadTime.summary).toMatchObject({ median: 12 * H, count: 1 })
    expect(m.changeFailureRate.summary).toMatchObject({ rate: 0, deployments: 1 })
    // the numbers stand, but one deployment is below every minimum sample: no level, no change figure
    // (before issue 20 this read medium, elite, elite)
    for (const name of ['deploymentFrequency', 'leadTime', 'changeFailureRate'] as const) {
      expect(m[name].level, name).toBeNull()
      expect(m[name].levelReason, name).toMatch(/^not enough data: 1 of the 5 /)
      expect(m[name].change.direction, name).toBeNull()
    }
  })

  it('lead time: staging ignored, redeployed commits counted once, negative and untimed spans excluded with warnings', async () => {
    const r = await report(await scenario([
      { service: 'api', id: 'stg', environment: 'staging', at: '2026-03-02T00:00:00Z', commits: [{ sha: 'aaaaaaa', committedAt: '2026-03-01T00:00:00Z' }] },
      { service: 'api', id: 'd2', at: '2026-03-05T00:00:00Z', commits: [
        { sha: 'aaaaaaa' }, { sha: 'bbbbbbb', committedAt: '2026-03-04T00:00:00Z' },
        { sha: 'ccccccc', committedAt: '2026-03-06T00:00:00Z' }, { sha: 'eeeeeee' },
      ] },
      { service: 'api', id: 'd3', at: '2026-03-06T00:00:00Z', commits: [{ sha: 'aaaaaaa' }, { sha: 'bbbbbbb' }] },
    ]))
    const lt = r.metrics.leadTime
    expect(lt.summary).toMatchObject({ count: 2, median: 2.5 * D, mean: 2.5 * D })
    expect(lt.summary.p90).toBeCloseTo(D + 0.9 * 3 * D, 6)
    expect(lt.warnings).toEqual([expect.stringMatching(/^1 change\(s\) were deployed before/), expect.stringMatching(/^1 change\(s\) have no commit/)])
    expect(r.metrics.deploymentFrequency.summary).toMatchObject({ count: 2, deploymentDays: 2 })
  })

  it('rollbacks: a redeploy of an earlier version and a flagged rollback each fail the deployment before them', async () => {
    const day = (n: number) => `2026-03-0${n}T12:00:00Z`
    const r = await report(await scenario([
      { service: 'api', id: 'd1', at: day(1), version: 'v1' },
      { service: 'api', id: 'd2', at: day(2), version: 'v2' },
      { service: 'api', id: 'd3', at: day(3), version: 'v1' },
      { service: 'api', id: 'd4', at: day(4), version: 'v3' },
      { service: 'api', id: 'd5', at: day(5), version: 'v4', rollback: true },
      { service: 'api', id: 'd6', at: day(6), version: 'v5' },
    ]))
    expect(r.metrics.changeFailureRate.summary).toMatchObject({ deployments: 6, failures: 2, rate: 2 / 6, reasons: { failed: 0, rolledBack: 2, incident: 0 } })
    expect(r.metrics.reworkRate.summary).toMatchObject({ unplanned: 2, deployments: 6, rate: 2 / 6 })
  })

  it('failed deployments fail and recover at the next success', async () => {
    const r = await report(await scenario([
      { service: 'api', id: 'd1', at: '2026-03-10T00:00:00Z' },
      { service: 'api', id: 'd2', at: '2026-03-11T00:00:00Z', status: 'failure' },
      { service: 'api', id: 'd3', at: '2026-03-11T02:00:00Z' },
    ]))
    expect(r.metrics.changeFailureRate.summary).toMatchObject({ deployments: 3, failures: 1, reasons: { failed: 1 } })
    expect(r.metrics.deploymentFrequency.summary).toMatchObject({ count: 2, failed: 1 })
    expect(r.metrics.failedDeploymentRecoveryTime.summary).toEqual({ median: 2 * H, mean: 2 * H, count: 1, unrecovered: 0 })
  })

  it('incidents: explicit links, 72 h attribution, attribution past the window end, restore times and open incidents', async () => {
    const s = await scenario(
      [
        { service: 'api', id: 'd1', at: '2026-03-10T00:00:00Z' },
        { service: 'api', id: 'd2', at: '2026-03-20T00:00:00Z' },
        { service: 'api', id: 'd3', at: '2026-03-28T00:00:00Z' },
        { service: 'api', id: 'd4', at: '2026-03-30T20:00:00Z' },
      ],
      [
        { service: 'api', id: 'i1', openedAt: '2026-03-12T00:00:00Z', resolvedAt: '2026-03-12T01:00:00Z' }, // 48 h after d1
        { service: 'api', id: 'i2', openedAt: '2026-03-23T01:00:00Z', resolvedAt: '2026-03-23T05:00:00Z' }, // 73 h after d2: none
        { service: 'api', id: 'i3', openedAt: '2026-03-28T05:00:00Z', causeDeploymentId: 'd3' }, // explicit, still open
        { service: 'api', id: 'i4', openedAt: '2026-03-31T10:00:00Z', resolvedAt: '2026-03-31T12:00:00Z' }, // past the window, 14 h after d4
      ],
    )
    const m = (await report(s)).metrics
    expect(m.changeFailureRate.summary).toMatchObject({ deployments: 4, failures: 3, reasons: { incident: 3 } })
    // d1: i1 resolved after 49 h; d3: next success d4 after 68 h; d4: i4 resolved after 16 h
    // mean (49 + 68 + 16) / 3 h
    expect(m.failedDeploymentRecoveryTime.summary).toEqual({ median: 49 * H, mean: (133 / 3) * H, count: 3, unrecovered: 0 })
    expect(m.timeToRestore.summary).toMatchObject({ count: 2, mean: 2.5 * H, median: 2.5 * H })
    expect(m.timeToRestore.summary.open).toMatchObject({ total: 1, incidents: [{ externalId: 'i3', ageSeconds: 2 * D + 19 * H }] })
    // 2 restored incidents, below the minimum of 3: no level (it read 'high' before issue 20)
    expect(m.timeToRestore.level).toBeNull()

    // a longer attribution window for the service links i2 to d2 as well
    await pool().query('UPDATE service SET incident_attribution_hours = 100 WHERE slug = $1', [s.services.api])
    expect((await report(s)).metrics.changeFailureRate.summary).toMatchObject({ failures: 4, rate: 1 })
  })

  it('availability: overlapping outages count once, a service without probes or outages is no data, error budget per SLO', async () => {
    const s = await scenario(
      [{ service: 'api', id: 'a1', at: '2026-03-02T00:00:00Z' }, { service: 'web', id: 'w1', at: '2026-03-02T00:00:00Z' }],
      [
        { service: 'api', id: 'o1', outage: true, openedAt: '2026-03-05T00:00:00Z', resolvedAt: '2026-03-05T03:00:00Z' },
        { service: 'api', id: 'o2', outage: true, openedAt: '2026-03-05T02:00:00Z', resolvedAt: '2026-03-05T04:00:00Z' },
        { service: 'api', id: 'not-an-outage', openedAt: '2026-03-06T00:00:00Z', resolvedAt: '2026-03-07T00:00:00Z' },
      ],
    )
    const a = (await report(s)).metrics.availability
    const api = (a.summary.services as { service: string; downtimeSeconds: number; availability: number; errorBudgetRemainingSeconds: number }[]).find((x) => x.service === s.services.api)!
    expect(api.downtimeSeconds).toBe(4 * H)
    expect(api.availability).toBeCloseTo(1 - 4 / 720, 12)
    expect(api.errorBudgetRemainingSeconds).toBeCloseTo(0.001 * 720 * H - 4 * H, 6)
    // web has neither probes nor outage incidents: no data, left out of the mean (before issue 20 it
    // counted as 100 % and the headline was (1 - 4 / 720 + 1) / 2)
    expect(a.summary.withoutData).toEqual([s.services.web])
    expect(a.headline.value).toBeCloseTo(1 - 4 / 720, 12)
    expect(a.sampleSize).toBe(1)
  })

  it('time zones: daily buckets follow Europe/Berlin across the spring DST change', async () => {
    const s = await scenario([
      { service: 'api', id: 'a', at: '2026-03-28T22:30:00Z' }, // 23:30 CET, 28th
      { service: 'api', id: 'b', at: '2026-03-28T23:30:00Z' }, // 00:30 CET, 29th
      { service: 'api', id: 'c', at: '2026-03-29T21:30:00Z' }, // 23:30 CEST, 29th
      { service: 'api', id: 'd', at: '2026-03-29T22:30:00Z' }, // 00:30 CEST, 30th
    ])
    const r = await report(s, { from: '2026-03-28T00:00:00+01:00', to: '2026-03-31T00:00:00+02:00', tz: 'Europe/Berlin', granularity: 'day' })
    const series = r.metrics.deploymentFrequency.series as { bucket: string; start: Date; end: Date; success: number }[]
    expect(series.map((p) => [p.bucket, p.success])).toEqual([['2026-03-28', 1], ['2026-03-29', 2], ['2026-03-30', 1]])
    expect((series[1]!.end.getTime() - series[1]!.start.getTime()) / 3_600_000).toBe(23)
    expect(r.metrics.deploymentFrequency.summary).toMatchObject({ count: 4, deploymentDays: 3 })
  })

  it('rework: hotfixes and fixes of incidents are unplanned; the previous window is compared', async () => {
    const s = await scenario(
      [
        { service: 'api', id: 'p1', at: '2026-02-15T00:00:00Z' },
        { service: 'api', id: 'd1', at: '2026-03-10T00:00:00Z' },
        { service: 'api', id: 'd2', at: '2026-03-11T00:00:00Z', hotfix: true },
        { service: 'api', id: 'd3', at: '2026-03-12T00:00:00Z' },
      ],
      [{ service: 'api', id: 'i1', openedAt: '2026-03-01T00:00:00Z', resolvedAt: '2026-03-12T00:00:00Z', fixDeploymentId: 'd3' }],
    )
    const m = (await report(s)).metrics
    expect(m.reworkRate.summary).toMatchObject({ unplanned: 2, deployments: 3 })
    // 3 finished deployments now and 1 before, both below the minimum of 5: the previous value is given,
    // the change is not (before issue 20: 'better', +200 %)
    expect(m.deploymentFrequency.change).toEqual({ previous: 1 / 30, absolute: null, relative: null, direction: null, reason: 'not enough data: 3 of the 5 finished deployments needed' })
  })

  // DevLake pr3; first commit to merge: 2 d and 1.5 d
  it('pull requests: from first commit, first commit to merge and from merge; a deploy before the merge is excluded from the merge span', async () => {
    const r = await report(await scenario([
      { service: 'api', id: 'd1', at: '2026-03-02T00:00:00Z', commits: [{ sha: 'a000001', committedAt: '2026-03-01T00:00:00Z', prNumber: 7, prMergedAt: '2026-03-03T00:00:00Z' }] },
      { service: 'api', id: 'd2', at: '2026-03-03T00:00:00Z', commits: [
        { sha: 'b000001', committedAt: '2026-03-01T00:00:00Z', prNumber: 8, prMergedAt: '2026-03-02T12:00:00Z' },
        { sha: 'b000002', committedAt: '2026-03-02T00:00:00Z', prNumber: 8, prMergedAt: '2026-03-02T12:00:00Z' },
      ] },
    ]))
    expect(r.metrics.leadTime.summary.pullRequests).toEqual({
      count: 2, firstCommitMedian: 1.5 * D, firstCommitToMergeMedian: 1.75 * D, mergedToDeployMedian: 12 * H,
    })
  })

  it('incident attribution stays within the service (DevLake connect_incident_to_deploy, per service here)', async () => {
    const s = await scenario(
      [
        { service: 'api', id: 'a1', at: '2026-03-10T00:00:00Z' },
        { service: 'web', id: 'w1', at: '2026-03-10T06:00:00Z' }, // later, but another service
        { service: 'api', id: 'a0', at: '2026-03-09T00:00:00Z' },
      ],
      [{ service: 'api', id: 'i1', openedAt: '2026-03-10T12:00:00Z' }],
    )
    const records = (await report(s)).metrics.changeFailureRate.summary
    expect(records).toMatchObject({ deployments: 3, failures: 1, reasons: { incident: 1 } })
    const webOnly = (await report(s, { service: s.services.web! })).metrics.changeFailureRate.summary
    expect(webOnly).toMatchObject({ deployments: 1, failures: 0 })
  })

  it('scope: another team\'s services never count, a named service narrows the scope', async () => {
    const mine = await scenario([{ service: 'api', id: 'd1', at: '2026-03-10T00:00:00Z' }, { service: 'web', id: 'w1', at: '2026-03-10T00:00:00Z' }])
    await scenario([{ service: 'api', id: 'x1', at: '2026-03-10T00:00:00Z' }])
    expect((await report(mine)).metrics.deploymentFrequency.summary.count).toBe(2)
    expect((await report(mine, { service: mine.services.web! })).metrics.deploymentFrequency.summary.count).toBe(1)
  })
})
