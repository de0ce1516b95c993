import { describe, expect, it } from 'vitest'
import { buildSizeBands, sizeBandOf } from '@/lib/metrics/pull-request-size'

describe('sizeBandOf', () => {
  it.each([
    [0, '< 50'], [49, '< 50'], [50, '50-200'], [199, '50-200'], [200, '200-800'], [800, '200-800'], [801, '> 800'], [100_000, '> 800'], [null, null],
  ])('%s changed lines: %s', (lines, band) => {
    expect(sizeBandOf(lines)).toBe(band)
  })
})

describe('buildSizeBands', () => {
  it('lists every band, no data where empty, and the pull requests without a size', () => {
    const r = buildSizeBands([{ band: 1, n: 6, percentiles: [3600, 7200, 9000] }, { band: null, n: 2, percentiles: [10, 10, 10] }])
    expect(r.unknownSize).toBe(2)
    expect(r.bands.map((b) => [b.band, b.median, b.n, b.note])).toEqual([
      ['< 50', null, 0, 'no data'], ['50-200', 3600, 6, null], ['200-800', null, 0, 'no data'], ['> 800', null, 0, 'no data'],
    ])
  })
})
