import { describe, expect, it } from 'vitest'
import { formatAvailability, formatDowntime, targetDecimals } from '@/lib/format/format-availability'

describe('targetDecimals', () => {
  it.each([[99.999, 3], [99.99, 2], [99.95, 2], [99.9, 1], [99, 0], [50, 0]])('%f -> %i', (t, d) => expect(targetDecimals(t)).toBe(d))
})

describe('formatAvailability', () => {
  it.each([
    // ratio, target, shown: the target's decimals + 1, never rounded up past the target
    [0.999989, 99.999, '99.9989%'],
    [0.9999896, 99.999, '99.9989%'], // 99.99896 would round to 99.9990 and read as five nines met
    [0.999996, 99.999, '99.9996%'], // three decimals showed it as "100.000 %"
    [1, 99.999, '100.0000%'],
    [0.9999, 99.99, '99.990%'],
    [0.9995, 99.9, '99.95%'],
    [0.99, 99, '99.0%'],
    [null, 99.9, 'no data'],
  ])('%f against %f -> %s', (ratio, target, text) => expect(formatAvailability(ratio, target)).toBe(text))
})

describe('formatDowntime', () => {
  it.each([[9, 5, '9 s, ± 5 s'], [37, 10, '37 s, ± 10 s'], [120, 0, '2 min']])('%f ± %f', (s, e, text) => expect(formatDowntime(s, e)).toBe(text))
})
