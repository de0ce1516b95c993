import { describe, expect, it } from 'vitest'
import { mean, percentileCont } from '@/lib/metrics/percentile'
import { totalDuration, unionWithin } from '@/lib/metrics/intervals'

describe('percentileCont (as PostgreSQL computes it)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.9, 4.6],
    [[10, 20], 0.75, 17.5],
    [[0, 100], 0, 0],
    [[0, 100], 1, 100],
  ])('%j at %s = %s', (values, fraction, expected) => {
    const actual = percentileCont(values, fraction)
    if (expected === null) expect(actual).toBeNull()
    else expect(actual).toBeCloseTo(expected, 10)
  })

  it('refuses a fraction outside [0, 1]', () => {
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError)
  })

  it('mean', () => {
    expect(mean([])).toBeNull()
    expect(mean([1, 2, 6])).toBe(3)
  })
})

describe('unionWithin', () => {
  const h = 3_600_000
  it.each([
    ['nothing', [], []],
    ['one inside', [{ start: 1 * h, end: 2 * h }], [[1, 2]]],
    ['overlapping outages count once', [{ start: 1 * h, end: 3 * h }, { start: 2 * h, end: 4 * h }], [[1, 4]]],
    ['touching intervals merge', [{ start: 1 * h, end: 2 * h }, { start: 2 * h, end: 3 * h }], [[1, 3]]],
    ['nested', [{ start: 1 * h, end: 5 * h }, { start: 2 * h, end: 3 * h }], [[1, 5]]],
    ['clipped at both window edges', [{ start: -2 * h, end: 1 * h }, { start: 9 * h, end: 12 * h }], [[0, 1], [9, 10]]],
    ['still open runs to the window end', [{ start: 8 * h, end: null }], [[8, 10]]],
    ['entirely outside', [{ start: -5 * h, end: -1 * h }, { start: 11 * h, end: 12 * h }], []],
    ['unsorted input', [{ start: 6 * h, end: 7 * h }, { start: 1 * h, end: 2 * h }], [[1, 2], [6, 7]]],
  ] as const)('%s', (_name, intervals, expected) => {
    const merged = unionWithin(intervals, 0, 10 * h)
    expect(merged.map((i) => [i.start / h, i.end / h])).toEqual(expected)
  })

  it('sums the merged downtime', () => {
    expect(totalDuration(unionWithin([{ start: 0, end: 30 }, { start: 20, end: 50 }, { start: 70, end: 80 }], 0, 100))).toBe(60)
  })
})
