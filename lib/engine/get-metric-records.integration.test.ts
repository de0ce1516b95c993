import { describe, expect, it } from 'vitest'
import { getMetricRecords, parseMetricName } from '@/lib/engine/get-metric-records'
import { metricRecordsQuery } from '@/lib/validation/metrics'
import { buildScenario } from '@/lib/testing/metric-scenario'

const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }

describe('metric records (drill-down)', () => {
  it('says which rule made each deployment a change failure, and pages', async () => {
    const s = await buildScenario(
      process.env.DATABASE_URL!,
      [
        { service: 'api', id: 'd1', at: '2026-03-01T12:00:00Z', version: 'v1' },
        { service: 'api', id: 'd2', at: '2026-03-02T12:00:00Z', version: 'v2' },
        { service: 'api', id: 'd3', at: '2026-03-03T12:00:00Z', version: 'v1' },
        { service: 'api', id: 'd4', at: '2026-03-04T12:00:00Z', status: 'failure' },
        { service: 'api', id: 'd5', at: '2026-03-05T12:00:00Z' },
      ],
      [{ service: 'api', id: 'INC-9', openedAt: '2026-03-06T00:00:00Z' }],
    )
    const all = await getMetricRecords(s.caller, 'changeFailureRate', metricRecordsQuery.parse(window))
    const byId = Object.fromEntries(all.data.map((r) => [r.externalId, r]))
    expect(byId.d2).toMatchObject({ changeFailure: true, rolledBack: true, failed: false })
    expect(byId.d3).toMatchObject({ changeFailure: false, unplanned: true, rollback: true })
    expect(byId.d4).toMatchObject({ changeFailure: true, failed: true })
    expect(byId.d5).toMatchObject({ changeFailure: true, incidentAttributed: true, incidents: ['INC-9'] })
    expect(all.nextCursor).toBeNull()

    const first = await getMetricRecords(s.caller, 'deploymentFrequency', metricRecordsQuery.parse({ ...window, limit: '2' }))
    const second = await getMetricRecords(s.caller, 'deploymentFrequency', metricRecordsQuery.parse({ ...window, limit: '2', cursor: first.nextCursor! }))
    expect([...first.data, ...second.data].map((r) => r.externalId)).toEqual(['d5', 'd4', 'd3', 'd2'])
    expect(second.nextCursor).not.toBeNull()
  })

  it('refuses an unknown metric with 404', () => {
    expect(() => parseMetricName('happiness')).toThrow(/No metric "happiness"/)
  })
})
