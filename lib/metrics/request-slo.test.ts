import { describe, expect, it } from 'vitest'
import { allowedFailures, computeRequestSlo } from '@/lib/metrics/request-slo'
import { resolveSloIndicator } from '@/lib/metrics/slo'

describe('allowedFailures (the error budget in requests, exact)', () => {
  it.each([
    [99.999, 1_000_000, 10], // (1 - 0.99999) x 1e6 in floats is 10.000000000065512
    [99.99, 672_000, 67.2],
    [99.9, 43_200_000, 43_200],
    [99.95, 10_000, 5],
    [100, 5000, 0],
    [99.9, 0, 0],
  ])('%f %% of %i requests -> %f', (target, total, allowed) => expect(allowedFailures(target, total)).toBe(allowed))
})

describe('computeRequestSlo', () => {
  it('availability = sum of good / sum of total, the budget in requests, burn rates per lookback', () => {
    const s = computeRequestSlo(99.9, { good: 999_000 - 300, total: 999_000 }, { oneHour: { good: 990, total: 1000 }, sixHours: { good: 6000, total: 6000 } })
    expect(s).toEqual({
      goodRequests: 998_700, totalRequests: 999_000, failedRequests: 300, availability: 998_700 / 999_000,
      budget: { totalRequests: 999, spentRequests: 300, remainingRequests: 699, remainingRatio: 699 / 999 },
      // 1 % failing over the hour is 10 x the 0.1 % allowed; no traffic in a lookback is no data, never 0
      burnRate: { oneHour: expect.closeTo(10, 9), sixHours: 0, oneDay: null, threeDays: null },
    })
  })

  it('no traffic at all is no data, never 100 %', () => {
    expect(computeRequestSlo(99.9, { good: 0, total: 0 }, {})).toMatchObject({ availability: null, budget: { totalRequests: 0, remainingRatio: null } })
  })

  it('an overspent budget goes negative', () => {
    expect(computeRequestSlo(99.99, { good: 9990, total: 10_000 }, {}).budget).toEqual({ totalRequests: 1, spentRequests: 10, remainingRequests: -9, remainingRatio: -9 })
  })
})

describe('resolveSloIndicator', () => {
  it.each([
    [null, false, 'probes'], [null, true, 'requests'], ['probes', true, 'probes'], ['requests', false, 'requests'],
  ] as const)('set to %s, has requests %s -> %s', (setting, has, indicator) => expect(resolveSloIndicator(setting, has)).toBe(indicator))
})
