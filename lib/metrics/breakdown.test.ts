import { describe, expect, it } from 'vitest'
import { benchmarks } from '@/lib/metrics/benchmarks'
import { availabilityFigure, breakdownFigure, worstFirst } from '@/lib/metrics/breakdown'

const bench = benchmarks['dora-2023']
const H = 3600
const row = {
  deployments: 28, finished: 30, changes: 40, leadTimeMedian: 5 * H, failures: 3, unplanned: 6,
  incidents: 2, restoreMedian: 2 * H, recovered: 3, recoveryMedian: 30 * 60, unrecovered: 0,
}

describe('breakdownFigure', () => {
  it.each([
    // 28 successful deployments over 14 days: 2 a day (elite), on 30 finished
    ['deploymentFrequency', 14, { value: 2, n: 30, level: 'elite', levelReason: null }],
    ['leadTime', 14, { value: 5 * H, n: 40, level: 'elite', levelReason: null }],
    ['changeFailureRate', 14, { value: 0.1, n: 30, level: 'high', levelReason: null }],
    // two restored incidents: the median is shown, no level below the minimum of 3
    ['timeToRestore', 14, { value: 2 * H, n: 2, level: null, levelReason: 'not enough data: 2 of the 3 restored incidents needed' }],
    ['failedDeploymentRecoveryTime', 14, { value: 1800, n: 3, level: 'elite', levelReason: null }],
    ['reworkRate', 14, { value: 0.2, n: 30, level: null, levelReason: 'DORA gives no level for this metric' }],
    // an empty window: no value
    ['deploymentFrequency', 0, { value: null, n: 30, level: null, levelReason: 'no data' }],
  ] as const)('%s over %i days', (metric, days, expected) => {
    expect(breakdownFigure(metric, bench, row, days)).toEqual(expected)
  })

  it('gives no rate, and no level, without finished deployments', () => {
    const none = { ...row, finished: 0, failures: 0, unplanned: 0 }
    expect(breakdownFigure('changeFailureRate', bench, none, 14)).toMatchObject({ value: null, n: 0, level: null })
    expect(breakdownFigure('reworkRate', bench, none, 14)).toMatchObject({ value: null, n: 0 })
  })
})

describe('availabilityFigure', () => {
  it('is the mean over the services with data, n of them; no data when none has any', () => {
    expect(availabilityFigure([0.99, null, 0.97])).toMatchObject({ n: 2, level: null })
    expect(availabilityFigure([0.99, null, 0.97]).value).toBeCloseTo(0.98, 12)
    expect(availabilityFigure([null, null])).toMatchObject({ value: null, n: 0 })
  })
})

describe('worstFirst', () => {
  const fig = (name: string, value: number | null) => ({ name, value, n: 5, level: null, levelReason: null })
  it.each([
    ['changeFailureRate', ['b', 'c', 'a', 'd']],
    ['deploymentFrequency', ['a', 'c', 'b', 'd']],
  ] as const)('sorts %s worst first, no value last', (metric, order) => {
    const rows = [fig('a', 0.1), fig('d', null), fig('b', 0.5), fig('c', 0.3)]
    expect(worstFirst(metric, rows).map((r) => r.name)).toEqual(order)
  })
})
