import { describe, expect, it } from 'vitest'
import { formatCount, formatDuration, formatFrequency, formatPercent, formatScore, formatValue } from '@/lib/format/format-metric'
import { describeChange, describeScoreChange } from '@/lib/format/format-change'
import { compare } from '@/lib/metrics/compare'

describe('formatting', () => {
  it.each([
    [null, '—'], [42, '42 s'], [90, '1 min 30 s'], [120, '2 min'], [599, '9 min 59 s'], [2502, '42 min'], [3569, '59 min'], [3590, '1 h'],
    [3600, '1 h'], [33_120, '9 h 12 min'], [54_000, '15 h'], [86_399, '1 d'], [129_600, '1 d 12 h'], [88_560, '1 d 1 h'],
    [2_592_000, '30 d'], [-300, '-5 min'],
  ])('duration %s -> %s', (s, out) => expect(formatDuration(s)).toBe(out))
  it.each([
    [null, '—'], [8, '8 / day'], [1, '1 / day'], [0.5, '3.5 / week'], [1 / 7, '1 / week'], [1 / 30, '1 / month'], [0, '0 / month'],
  ])('frequency %s -> %s', (v, out) => expect(formatFrequency(v)).toBe(out))
  it('percent and availability precision', () => {
    expect(formatPercent(0.0546)).toBe('5.5%')
    expect(formatValue(0.99974, 'ratio', 'availability')).toBe('99.974%')
  })
  it.each([[0, '0'], [999, '999'], [4199, '4,199'], [1_000_000, '1,000,000']])('count %s -> %s', (n, out) => expect(formatCount(n)).toBe(out))
  it.each([
    [75, undefined, '75.0 / 100'], ['75.000000', '100.000000', '75.0 / 100'], ['17.000000', '18.000000', '17.0 / 18'], [null, undefined, '—'], ['', undefined, '—'],
  ] as const)('score %j of %j -> %s', (s, max, out) => expect(formatScore(s, max)).toBe(out))
})

const MONTH = 30 * 86_400

describe('a change as a lead says it', () => {
  it.each([
    // a ratio moves in percentage points, not by "11 %" of itself
    ['changeFailureRate', 'ratio', 0.094, 0.084, false, 'was 8.4%, +1.0 pp'],
    ['changeFailureRate', 'ratio', 0.05, 0.1, false, 'was 10.0%, -5.0 pp'],
    ['reworkRate', 'ratio', 0.02, 0.02, false, 'was 2.0%, ±0.0 pp'],
    // 99.96 % -> 99.84 % over 30 days: 0.12 % of 30 days is 51.84 min more downtime
    ['availability', 'ratio', 0.9984, 0.9996, true, 'was 99.960%, +52 min of downtime'],
    ['availability', 'ratio', 0.9999, 0.999, true, 'was 99.900%, -39 min of downtime'],
    ['availability', 'ratio', 1, 1, true, 'was 100.000%, same downtime'],
    ['leadTime', 'seconds', 9 * 3600 + 12 * 60, 7 * 3600 + 2 * 60, false, 'was 7 h 2 min, +2 h 10 min'],
    ['timeToRestore', 'seconds', 1800, 5400, false, 'was 1 h 30 min, -1 h'],
    ['deploymentFrequency', 'per_day', 2, 1, true, 'was 1 / day, +1 / day'],
  ] as const)('%s %s vs %s', (metric, unit, current, previous, higherIsBetter, text) => {
    expect(describeChange(metric, unit, compare(current, previous, higherIsBetter), MONTH)).toBe(text)
  })

  it('keeps the previous value and gives the reason when the sample is too small for a change figure', () => {
    const change = compare(0.5, 0.1, false, 'not enough data: 2 of the 5 finished deployments needed')
    expect(describeChange('changeFailureRate', 'ratio', change, MONTH)).toBe('was 10.0%; not enough data: 2 of the 5 finished deployments needed')
  })

  it('says when there was nothing before', () => {
    expect(describeChange('leadTime', 'seconds', compare(3600, null, false), MONTH)).toBe('no data in the previous period')
  })
})

describe('describeScoreChange', () => {
  it.each([
    [74.62, 71.4, 'was 71.4, +3.2 points'],
    [60, 71.44, 'was 71.4, -11.4 points'],
    [71.42, 71.44, 'was 71.4, no change'],
    [null, 71.4, 'was 71.4; no data in this period'],
    [70, null, 'no data in the previous period'],
  ] as const)('S %s vs %s', (current, previous, text) => {
    expect(describeScoreChange(compare(current, previous, true))).toBe(text)
  })
})
