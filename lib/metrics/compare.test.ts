import { describe, expect, it } from 'vitest'
import { compare, ratio } from '@/lib/metrics/compare'

describe('compare', () => {
  it.each([
    [10, 5, true, { absolute: 5, relative: 1, direction: 'better', reason: null }],
    [10, 5, false, { absolute: 5, relative: 1, direction: 'worse', reason: null }],
    [5, 10, false, { absolute: -5, relative: -0.5, direction: 'better', reason: null }],
    [3, 3, true, { absolute: 0, relative: 0, direction: 'same', reason: null }],
    [3, 0, true, { absolute: 3, relative: null, direction: 'better', reason: null }],
    [null, 3, true, { absolute: null, relative: null, direction: null, reason: 'no data in this period' }],
    [3, null, false, { absolute: null, relative: null, direction: null, reason: 'no data in the previous period' }],
  ] as const)('%s vs %s (higher better: %s)', (current, previous, higherIsBetter, expected) => {
    expect(compare(current, previous, higherIsBetter)).toEqual({ previous, ...expected })
  })

  it('gives no change figure when a sample is below the minimum, and says why', () => {
    expect(compare(0.094, 0.084, false, 'not enough data')).toEqual({ previous: 0.084, absolute: null, relative: null, direction: null, reason: 'not enough data' })
  })

  it('ratio is null for an empty denominator', () => {
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(1, 4)).toBe(0.25)
  })
})
