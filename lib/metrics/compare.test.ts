import { describe, expect, it } from 'vitest'
import { compare, ratio } from '@/lib/metrics/compare'

describe('compare', () => {
  it.each([
    [10, 5, true, { absolute: 5, relative: 1, direction: 'better' }],
    [10, 5, false, { absolute: 5, relative: 1, direction: 'worse' }],
    [5, 10, false, { absolute: -5, relative: -0.5, direction: 'better' }],
    [3, 3, true, { absolute: 0, relative: 0, direction: 'same' }],
    [3, 0, true, { absolute: 3, relative: null, direction: 'better' }],
    [null, 3, true, { absolute: null, relative: null, direction: null }],
    [3, null, false, { absolute: null, relative: null, direction: null }],
  ] as const)('%s vs %s (higher better: %s)', (current, previous, higherIsBetter, expected) => {
    expect(compare(current, previous, higherIsBetter)).toEqual({ previous, ...expected })
  })

  it('ratio is null for an empty denominator', () => {
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(1, 4)).toBe(0.25)
  })
})
