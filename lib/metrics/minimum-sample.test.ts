import { describe, expect, it } from 'vitest'
import { benchmarks } from '@/lib/metrics/benchmarks'
import { sampledLevel, sampleShortfall, serviceLevels } from '@/lib/metrics/minimum-sample'

const bench = benchmarks['dora-2023']
const H = 3600

describe('minimum samples', () => {
  it.each([
    ['deploymentFrequency', 4, 'not enough data: 4 of the 5 finished deployments needed'],
    ['deploymentFrequency', 5, null],
    ['changeFailureRate', 1, 'not enough data: 1 of the 5 finished deployments needed'],
    ['changeFailureRate', 5, null],
    ['leadTime', 0, 'not enough data: 0 of the 5 changes needed'],
    ['leadTime', 5, null],
    ['reworkRate', 4, 'not enough data: 4 of the 5 finished deployments needed'],
    ['timeToRestore', 2, 'not enough data: 2 of the 3 restored incidents needed'],
    ['timeToRestore', 3, null],
    ['failedDeploymentRecoveryTime', 2, 'not enough data: 2 of the 3 recovered change failures needed'],
    ['failedDeploymentRecoveryTime', 3, null],
  ] as const)('%s with n = %i: %s', (metric, n, reason) => {
    expect(sampleShortfall(metric, n)).toBe(reason)
  })

  it.each([
    // one deployment that did not fail: 0 % would be elite, but one deployment is no evidence
    ['changeFailureRate', 0, 1, null],
    ['changeFailureRate', 0, 5, 'elite'],
    ['changeFailureRate', 0.6, 5, 'low'],
    ['leadTime', 12 * H, 4, null],
    ['leadTime', 12 * H, 5, 'elite'],
    ['deploymentFrequency', 1 / 30, 1, null],
    ['deploymentFrequency', 5 / 30, 5, 'high'],
    ['timeToRestore', 2 * H, 1, null],
    ['timeToRestore', 2 * H, 3, 'high'],
    ['failedDeploymentRecoveryTime', 30 * 60, 3, 'elite'],
  ] as const)('%s = %s on n = %i: level %s', (metric, value, n, level) => {
    const r = sampledLevel(bench, metric, value, n)
    expect(r.level).toBe(level)
    expect(r.levelReason === null).toBe(level !== null)
  })

  it('a large enough sample without a value has no level, and says so', () => {
    expect(sampledLevel(bench, 'leadTime', null, 9)).toEqual({ level: null, levelReason: 'no data' })
  })

  it('a service row gets each level only from a large enough sample', () => {
    const row = { finished: 5, changes: 4, incidents: 3, recovered: 2, leadTimeMedian: H, restoreMedian: H / 2, recoveryMedian: H / 2 }
    expect(serviceLevels(bench, row, 5 / 7, 0.2)).toEqual({
      deploymentFrequency: 'high', leadTime: null, changeFailureRate: 'low', timeToRestore: 'elite', failedDeploymentRecoveryTime: null,
    })
  })
})
