import { describe, expect, it } from 'vitest'
import { wilsonInterval } from '@/lib/metrics/wilson'

// Expected values from the closed form worked out separately (a few lines of Python, z = 1.96), to 4 places.
describe('wilsonInterval (95 %)', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [1, 10, 0.0179, 0.4042],
    [5, 10, 0.2366, 0.7634],
    [2, 40, 0.0138, 0.1650],
    [50, 1000, 0.0381, 0.0653],
  ])('%i of %i: [%f, %f]', (k, n, low, high) => {
    const r = wilsonInterval(k, n)!
    expect(r.low).toBeCloseTo(low, 4)
    expect(r.high).toBeCloseTo(high, 4)
  })

  it('no interval without a sample or for an impossible count', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
    expect(wilsonInterval(3, 2)).toBeNull()
  })
})
