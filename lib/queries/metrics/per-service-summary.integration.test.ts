import { describe, expect, it } from 'vitest'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import { summarizeGroups, summarizeServices } from '@/lib/queries/metrics/per-service-summary'
import { buildScenario } from '@/lib/testing/metric-scenario'
import { metricsQuery } from '@/lib/validation/metrics'

const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }
const commit = (sha: string, at: string) => [{ sha, committedAt: at }]

describe('summarizeGroups (a metric page\'s breakdown by team)', () => {
  it('gives a group of services the figures the metrics API gives for exactly those services', async () => {
    const s = await buildScenario(
      process.env.DATABASE_URL!,
      [
        { service: 'api', id: 'a1', at: '2026-03-02T12:00:00Z', commits: commit('a'.repeat(40), '2026-03-02T10:00:00Z') },
        { service: 'api', id: 'a2', at: '2026-03-03T12:00:00Z', status: 'failure' },
        { service: 'api', id: 'a3', at: '2026-03-04T12:00:00Z', commits: commit('b'.repeat(40), '2026-03-03T12:00:00Z') },
        { service: 'web', id: 'w1', at: '2026-03-05T12:00:00Z', commits: commit('c'.repeat(40), '2026-03-05T11:00:00Z') },
        { service: 'web', id: 'w2', at: '2026-03-06T12:00:00Z', hotfix: true, commits: commit('d'.repeat(40), '2026-03-06T04:00:00Z') },
        { service: 'ops', id: 'o1', at: '2026-03-07T12:00:00Z' },
      ],
      [
        { service: 'api', id: 'INC-1', openedAt: '2026-03-10T00:00:00Z', resolvedAt: '2026-03-10T01:00:00Z' },
        { service: 'web', id: 'INC-2', openedAt: '2026-03-11T00:00:00Z', resolvedAt: '2026-03-11T05:00:00Z' },
        { service: 'web', id: 'INC-3', openedAt: '2026-03-12T00:00:00Z', resolvedAt: '2026-03-12T03:00:00Z' },
      ],
    )
    const { api, web, ops } = s.services
    const scope = await resolveMetricScope(s.caller, metricsQuery.parse({ ...window, service: `${api},${web},${ops}` }))
    const w = { serviceIds: scope.services.map((x) => x.id), environmentIds: scope.environments.map((e) => e.id), from: new Date(window.from), to: new Date(window.to), tz: 'UTC', granularity: 'week' as const }
    // api and web in group 1, ops alone in group 2
    const groupOf = (slug: string) => (slug === ops ? 2 : 1)
    const [groups, services] = await Promise.all([summarizeGroups(w, scope.services.map((x) => groupOf(x.slug))), summarizeServices(w)])
    const both = groups.find((g) => g.serviceId === 1)!
    const report = await getMetricsReport(s.caller, metricsQuery.parse({ ...window, service: `${api},${web}` }))
    const m = report.metrics
    expect(both.deployments).toBe(m.deploymentFrequency.summary.count)
    expect(both.finished).toBe(m.changeFailureRate.sampleSize)
    expect(both.failures).toBe(m.changeFailureRate.summary.failures)
    expect(both.unplanned).toBe(m.reworkRate.summary.unplanned)
    expect(both.changes).toBe(m.leadTime.sampleSize)
    // medians over the group's own events (1 h, 2 h, 8 h, 24 h: 5 h), not a median of the services' medians
    expect(both.leadTimeMedian).toBe(m.leadTime.headline.value)
    expect(both.leadTimeMedian).toBe(5 * 3600)
    expect(both.restoreMedian).toBe(m.timeToRestore.headline.value)
    expect(both.restoreMedian).toBe(3 * 3600)
    expect(both.incidents).toBe(3)
    expect(groups.find((g) => g.serviceId === 2)).toMatchObject({ deployments: 1, finished: 1, changes: 0, incidents: 0, leadTimeMedian: null })
    // by service, each row keeps its service's id
    expect(services.map((r) => r.serviceId).sort()).toEqual(scope.services.map((x) => x.id).sort())
    expect(services.find((r) => r.serviceId === scope.services.find((x) => x.slug === web)!.id)).toMatchObject({ deployments: 2, restoreMedian: 4 * 3600, incidents: 2 })
  })
})
