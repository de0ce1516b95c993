import { describe, expect, it } from 'vitest'
import { interpolate, percentilePositions, splitAtUtcDays, utcWeekShare, type KeyedRange } from '@/lib/metrics/lead-time-histogram'

const at = (iso: string) => new Date(iso)
const range = (key: string | null, from: string, to: string): KeyedRange => ({ key, from: at(from), to: at(to) })
const iso = (r: KeyedRange) => [r.key, r.from.toISOString(), r.to.toISOString()]

describe('splitAtUtcDays', () => {
  it.each([
    ['UTC midnights: whole days only', [range('w', '2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z')], ['2026-03-02', '2026-03-03'], []],
    ['Berlin week (UTC+1): a piece at each edge', [range('w', '2026-03-01T23:00:00Z', '2026-03-03T23:00:00Z')],
      ['2026-03-02'], [['w', '2026-03-01T23:00:00.000Z', '2026-03-02T00:00:00.000Z'], ['w', '2026-03-03T00:00:00.000Z', '2026-03-03T23:00:00.000Z']]],
    ['within one day: one piece', [range(null, '2026-03-02T05:00:00Z', '2026-03-02T07:30:00Z')], [], [[null, '2026-03-02T05:00:00.000Z', '2026-03-02T07:30:00.000Z']]],
    ['a local day across UTC midnight (New York): no whole UTC day, read as one piece', [range('d', '2026-03-02T05:00:00Z', '2026-03-03T05:00:00Z')],
      [], [['d', '2026-03-02T05:00:00.000Z', '2026-03-03T05:00:00.000Z']]],
    ['DST spring-forward day in Berlin (23 h)', [range('d', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')],
      [], [['d', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]],
    ['a Berlin month with the DST change: whole days between two edge pieces', [range('m', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z')],
      Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`),
      [['m', '2026-02-28T23:00:00.000Z', '2026-03-01T00:00:00.000Z'], ['m', '2026-03-31T00:00:00.000Z', '2026-03-31T22:00:00.000Z']]],
    ['empty and reversed ranges are skipped', [range('x', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z'), range('y', '2026-03-03T00:00:00Z', '2026-03-02T00:00:00Z')], [], []],
    ['several ranges keep their keys', [range('a', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'), range('b', '2026-03-03T00:00:00Z', '2026-03-03T12:00:00Z')],
      ['2026-03-02'], [['b', '2026-03-03T00:00:00.000Z', '2026-03-03T12:00:00.000Z']]],
  ])('%s', (_name, ranges, days, spans) => {
    const split = splitAtUtcDays(ranges)
    expect(split.days.map((d) => d.day)).toEqual(days)
    expect(split.spans.map(iso)).toEqual(spans)
  })
})

describe('splitAtUtcDays by week (weeks from Monday, UTC)', () => {
  it.each([
    ['Monday to Monday: whole weeks only', [range('w', '2026-03-02T00:00:00Z', '2026-03-16T00:00:00Z')], ['2026-03-02', '2026-03-09'], []],
    ['Tuesday to Monday two weeks later: a piece, then one week', [range(null, '2026-03-03T00:00:00Z', '2026-03-16T00:00:00Z')],
      ['2026-03-09'], [[null, '2026-03-03T00:00:00.000Z', '2026-03-09T00:00:00.000Z']]],
    ['a Berlin week (UTC+1): no whole UTC week, one piece', [range('w', '2026-03-01T23:00:00Z', '2026-03-08T23:00:00Z')],
      [], [['w', '2026-03-01T23:00:00.000Z', '2026-03-08T23:00:00.000Z']]],
    ['a UTC month: pieces at both edges', [range('m', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')],
      ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'], [['m', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'], ['m', '2026-03-30T00:00:00.000Z', '2026-04-01T00:00:00.000Z']]],
  ])('%s', (_name, ranges, weeks, spans) => {
    const split = splitAtUtcDays(ranges, 'week')
    expect(split.days.map((d) => d.day)).toEqual(weeks)
    expect(split.spans.map(iso)).toEqual(spans)
  })

  it('says how much of the ranges whole weeks cover', () => {
    expect(utcWeekShare([range('w', '2026-03-02T00:00:00Z', '2026-03-16T00:00:00Z')])).toBe(1)
    expect(utcWeekShare([range('a', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'), range('b', '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z')])).toBe(0)
    expect(utcWeekShare([range(null, '2026-03-02T00:00:00Z', '2026-03-23T00:00:00Z'), range(null, '2026-03-23T00:00:00Z', '2026-03-30T12:00:00Z')])).toBeCloseTo(28 / 28.5)
    expect(utcWeekShare([])).toBe(0)
  })
})

// A sorted list's percentile the way percentile_cont computes it, for comparison.
function percentileCont(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1)
  return interpolate(sorted[Math.floor(pos)]!, sorted[Math.ceil(pos)]!, pos - Math.floor(pos))
}

describe('percentilePositions', () => {
  it.each([
    ['one value', [[3, 1]], 0.5, { lo: { bin: 3, offset: 0 }, hi: { bin: 3, offset: 0 }, fraction: 0 }],
    ['two values in one bin: the median interpolates between them', [[3, 2]], 0.5, { lo: { bin: 3, offset: 0 }, hi: { bin: 3, offset: 1 }, fraction: 0.5 }],
    ['ranks straddling two bins', [[1, 2], [5, 2]], 0.5, { lo: { bin: 1, offset: 1 }, hi: { bin: 5, offset: 0 }, fraction: 0.5 }],
    ['p90 of 11 values lands exactly on rank 9', [[0, 4], [2, 4], [9, 3]], 0.9, { lo: { bin: 9, offset: 1 }, hi: { bin: 9, offset: 1 }, fraction: 0 }],
    ['negative and untimed bins and empty bins are not ranked', [[-2, 7], [-1, 4], [4, 0], [6, 3]], 0.5, { lo: { bin: 6, offset: 1 }, hi: { bin: 6, offset: 1 }, fraction: 0 }],
    ['bins in any order', [[8, 1], [2, 1]], 0.75, { lo: { bin: 2, offset: 0 }, hi: { bin: 8, offset: 0 }, fraction: 0.75 }],
  ] as const)('%s', (_name, counts, p, expected) => {
    const got = percentilePositions(new Map(counts.map(([b, c]) => [b, c])), p)
    expect(got).not.toBeNull()
    expect(got!.lo).toEqual(expected.lo)
    expect(got!.hi).toEqual(expected.hi)
    expect(got!.fraction).toBeCloseTo(expected.fraction, 12)
  })

  it('is null without ranked values', () => {
    expect(percentilePositions(new Map([[-1, 3], [-2, 1]]), 0.5)).toBeNull()
    expect(percentilePositions(new Map(), 0.9)).toBeNull()
  })

  it('picks the same values as sorting everything, for random data', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 5000) / 10)
      const binOf = (v: number) => Math.floor(Math.log2(v + 1) * 4)
      const byBin = new Map<number, number[]>()
      for (const v of values) byBin.set(binOf(v), [...(byBin.get(binOf(v)) ?? []), v])
      for (const list of byBin.values()) list.sort((a, b) => a - b)
      const counts = new Map([...byBin].map(([b, list]) => [b, list.length]))
      const sorted = [...values].sort((a, b) => a - b)
      for (const p of [0.5, 0.75, 0.9]) {
        const pos = percentilePositions(counts, p)!
        const got = interpolate(byBin.get(pos.lo.bin)![pos.lo.offset]!, byBin.get(pos.hi.bin)![pos.hi.offset]!, pos.fraction)
        expect(got).toBe(percentileCont(sorted, p))
      }
    }
  })
})
