import { describe, expect, it } from 'vitest'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { getMetricRecords } from '@/lib/engine/get-metric-records'
import { metricRecordsQuery, metricsQuery } from '@/lib/validation/metrics'
import { getQuarterlyReport } from '@/lib/reports/get-quarterly-report'
import { periodOf } from '@/lib/reports/period'
import { resolveTokenReportScope } from '@/lib/reports/resolve-report-scope'
import { listDeployments } from '@/lib/queries/list-deployments'
import { listDeploymentsQuery } from '@/lib/validation/deployments'
import { buildScenario, type Scenario, type ScenarioDeployment, type ScenarioIncident } from '@/lib/testing/metric-scenario'

// Issue 22: `strategy` picks which deployments (and first-shipped changes) count, never how they are
// classified. Every expected figure below is worked out by hand from the timeline, not by the engine.
const url = process.env.DATABASE_URL!
const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }
const now = new Date('2026-04-15T00:00:00Z')
const H = 3600

const at = (day: number, hour = 0) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`
const commit = (sha: string, committedAt: string) => [{ sha, committedAt }]

// One service, production unless said. Lead time = first successful production deployment - commit time.
const deployments: ScenarioDeployment[] = [
  { service: 'api', id: 'd0', at: '2026-02-27T12:00:00Z', strategy: 'rolling', version: 'v0' }, // before the window
  { service: 'api', id: 'd1', at: at(2, 12), strategy: 'canary', version: 'v1', commits: commit('a000001', at(2, 0)) }, // a: 12 h
  // d2 (rolling) is rolled back by its canary neighbour d3, which redeploys v1: d2 is a rolling change failure
  { service: 'api', id: 'd2', at: at(3, 12), strategy: 'rolling', version: 'v2', commits: commit('b000002', at(2, 12)) }, // b: 24 h
  { service: 'api', id: 'd3', at: at(4, 12), strategy: 'canary', version: 'v1' }, // a rollback: canary rework
  // a failed blue/green switch, recovered 6 h later; c first ships with d5: 30 h
  { service: 'api', id: 'd4', at: at(6, 0), strategy: 'blue_green', version: 'v3', status: 'failure', commits: commit('c000003', at(5, 0)) },
  { service: 'api', id: 'd5', at: at(6, 6), strategy: 'blue_green', version: 'v4', commits: commit('c000003', at(5, 0)) },
  { service: 'api', id: 'd6', at: at(10, 12), strategy: 'rolling', version: 'v5', commits: commit('d000004', at(9, 12)) }, // d: 24 h
  { service: 'api', id: 'd7', at: at(10, 18), strategy: 'canary', version: 'v6', commits: commit('e000005', at(10, 12)) }, // e: 6 h
  { service: 'api', id: 'd8', at: at(15, 0), strategy: 'recreate', version: 'v7', commits: commit('f000006', at(14, 0)) }, // f: 24 h
  { service: 'api', id: 'd9', at: at(16, 0), strategy: 'recreate', version: 'v8', status: 'failure' },
  { service: 'api', id: 'd10', at: at(17, 0), strategy: 'ab_test', version: 'v9', commits: commit('a000007', at(16, 0)) }, // 24 h
  { service: 'api', id: 'd11', at: at(20, 0), strategy: 'ab_test', version: 'v10', hotfix: true, commits: commit('b000008', at(19, 22)) }, // 2 h
  // staging never counts, whatever its strategy
  { service: 'api', id: 's1', at: at(5, 0), strategy: 'canary', environment: 'staging', commits: commit('c000009', at(4, 0)) },
]
const incidents: ScenarioIncident[] = [
  // no named cause: attributed to the last successful deployment before it, d7 (canary), not the rolling d6 six hours earlier
  { service: 'api', id: 'i1', openedAt: at(11, 0), resolvedAt: at(11, 2) },
  // names the rolling d6 although a canary (d7) and a recreate (d8) deployment came after it
  { service: 'api', id: 'i2', openedAt: at(15, 1), resolvedAt: at(15, 3), causeDeploymentId: 'd6' },
]

type Expected = {
  finished: number; successes: number; failures: number; rolledBack: number; withIncident: number; unplanned: number
  changes: number; leadMedian: number | null; recoveryMedian: number | null; records: string[]; failureRecords: string[]
}
// by hand, per filter (records newest first)
const expected: Record<string, Expected> = {
  // d1, d3, d7; d7 fails by i1 (recovers at i1's resolution, 8 h); d3 is a rollback; a 12 h, e 6 h
  canary: { finished: 3, successes: 3, failures: 1, rolledBack: 0, withIncident: 1, unplanned: 1, changes: 2, leadMedian: 9 * H, recoveryMedian: 8 * H,
    records: ['d7', 'd3', 'd1'], failureRecords: ['d7'] },
  // d2 rolled back (recovers at d3, 24 h), d6 named by i2 (recovers at d7's success, 6 h); b and d 24 h each
  rolling: { finished: 2, successes: 2, failures: 2, rolledBack: 1, withIncident: 1, unplanned: 0, changes: 2, leadMedian: 24 * H, recoveryMedian: 15 * H,
    records: ['d6', 'd2'], failureRecords: ['d6', 'd2'] },
  // d4 failed, recovered by d5 after 6 h; c 30 h
  blue_green: { finished: 2, successes: 1, failures: 1, rolledBack: 0, withIncident: 0, unplanned: 0, changes: 1, leadMedian: 30 * H, recoveryMedian: 6 * H,
    records: ['d5', 'd4'], failureRecords: ['d4'] },
  // d9 failed, recovered by d10 (another strategy) after 24 h; f 24 h
  recreate: { finished: 2, successes: 1, failures: 1, rolledBack: 0, withIncident: 0, unplanned: 0, changes: 1, leadMedian: 24 * H, recoveryMedian: 24 * H,
    records: ['d9', 'd8'], failureRecords: ['d9'] },
  // d11 a hotfix; 24 h and 2 h
  ab_test: { finished: 2, successes: 2, failures: 0, rolledBack: 0, withIncident: 0, unplanned: 1, changes: 2, leadMedian: 13 * H, recoveryMedian: null,
    records: ['d11', 'd10'], failureRecords: [] },
  other: { finished: 0, successes: 0, failures: 0, rolledBack: 0, withIncident: 0, unplanned: 0, changes: 0, leadMedian: null, recoveryMedian: null,
    records: [], failureRecords: [] },
  // the union of canary and blue/green: leads 12, 6, 30 h; recoveries 8 and 6 h
  'canary,blue_green': { finished: 5, successes: 4, failures: 2, rolledBack: 0, withIncident: 1, unplanned: 1, changes: 3, leadMedian: 12 * H, recoveryMedian: 7 * H,
    records: ['d7', 'd5', 'd4', 'd3', 'd1'], failureRecords: ['d7', 'd4'] },
}

let built: Promise<Scenario> | undefined
const scenario = () => (built ??= buildScenario(url, deployments, incidents))

async function figures(strategy: string | undefined) {
  const s = await scenario()
  const q = { ...window, ...(strategy ? { strategy } : {}) }
  const m = (await getMetricsReport(s.caller, metricsQuery.parse(q), now)).metrics
  const records = async (metric: 'deploymentFrequency' | 'failedDeploymentRecoveryTime') =>
    (await getMetricRecords(s.caller, metric, metricRecordsQuery.parse(q))).data as { externalId: string; strategy: string }[]
  return { m, deployed: await records('deploymentFrequency'), failed: await records('failedDeploymentRecoveryTime') }
}

describe('strategy filter (hand-computed scenario)', () => {
  it.each(Object.entries(expected))('strategy=%s counts exactly its deployments and changes', async (strategy, e) => {
    const { m, deployed, failed } = await figures(strategy)
    expect(m.deploymentFrequency.summary).toMatchObject({ count: e.successes, failed: e.finished - e.successes })
    expect(m.changeFailureRate.summary).toMatchObject({ deployments: e.finished, failures: e.failures, reasons: { rolledBack: e.rolledBack, incident: e.withIncident } })
    expect(m.reworkRate.summary).toMatchObject({ unplanned: e.unplanned, deployments: e.finished })
    expect(m.leadTime.summary).toMatchObject({ count: e.changes, median: e.leadMedian })
    expect(m.failedDeploymentRecoveryTime.summary).toMatchObject({ median: e.recoveryMedian, count: e.failures, unrecovered: 0 })
    expect(deployed.map((r) => r.externalId)).toEqual(e.records)
    expect(failed.map((r) => r.externalId)).toEqual(e.failureRecords)
    // records carry the strategy
    const names = strategy.split(',')
    for (const r of [...deployed, ...failed]) expect(names).toContain(r.strategy)
  })

  it('without a filter every strategy counts, and the strategies partition the whole', async () => {
    const { m } = await figures(undefined)
    const single = Object.entries(expected).filter(([k]) => !k.includes(','))
    const sum = (k: keyof Expected) => single.reduce((n, [, e]) => n + (e[k] as number), 0)
    expect([sum('finished'), sum('failures'), sum('changes'), sum('unplanned')]).toEqual([11, 5, 8, 2])
    expect(m.changeFailureRate.summary).toMatchObject({ deployments: 11, failures: 5 })
    expect(m.reworkRate.summary).toMatchObject({ unplanned: 2 })
    // leads 12, 24, 30, 24, 6, 24, 24, 2 h: median 24 h
    expect(m.leadTime.summary).toMatchObject({ count: 8, median: 24 * H })
  })

  it('GET /api/v1/deployments filters by strategy, staging included (it lists every environment)', async () => {
    const s = await scenario()
    const q = listDeploymentsQuery.parse({ strategy: 'canary,recreate' })
    const rows = await listDeployments({ ...q, teamId: s.caller.teamId })
    expect(rows.map((r) => [r.externalId, r.strategy])).toEqual([
      ['d9', 'recreate'], ['d8', 'recreate'], ['d7', 'canary'], ['s1', 'canary'], ['d3', 'canary'], ['d1', 'canary'],
    ])
  })

  it('the quarterly report counts the same deployments as the API, in its headlines and its service table', async () => {
    const s = await scenario()
    const scope = await resolveTokenReportScope(s.caller, {})
    const period = periodOf({ from: new Date(window.from), to: new Date(window.to), tz: 'UTC' })
    const r = await getQuarterlyReport({ scope, period, tz: 'UTC', benchmark: 'dora-2023', strategies: ['rolling'] }, now)
    expect(r.scope.strategies).toEqual(['rolling'])
    expect(r.api.metrics.changeFailureRate.summary).toMatchObject({ deployments: 2, failures: 2 })
    expect(r.services).toMatchObject([{ deployments: 2, finished: 2, failures: 2, changes: 2, leadTimeMedian: 24 * H }])
    // the strategies table of the report, narrowed to the filter: two rolling deployments are below the minimum sample
    expect(r.strategies).toMatchObject([{ strategy: 'rolling', deployments: 2, changeFailureRate: { failures: 2, value: null }, notEnoughData: expect.any(String) }])
  })

  it('names an unknown strategy in a 422-shaped error', () => {
    const r = metricsQuery.safeParse({ ...window, strategy: 'canary,big_bang' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ path: ['strategy'], message: expect.stringContaining('no strategy "big_bang"') })
    expect(metricsQuery.parse({ ...window, strategy: ' Canary , canary,ab_test' }).strategy).toEqual(['canary', 'ab_test'])
    expect(metricsQuery.parse({ ...window, strategy: '' }).strategy).toBeUndefined()
  })
})
