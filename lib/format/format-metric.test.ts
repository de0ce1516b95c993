import { describe, expect, it } from 'vitest'
import { formatDuration, formatFrequency, formatPercent, formatValue } from '@/lib/format/format-metric'

describe('formatting', () => {
  it.each([
    [null, '—'], [42, '42 s'], [90, '1.5 min'], [3600, '1 h'], [54_000, '15 h'], [129_600, '1.5 d'], [2_592_000, '30 d'],
  ])('duration %s -> %s', (s, out) => expect(formatDuration(s)).toBe(out))
  it.each([
    [null, '—'], [8, '8 / day'], [1, '1 / day'], [0.5, '3.5 / week'], [1 / 7, '1 / week'], [1 / 30, '1 / month'], [0, '0 / month'],
  ])('frequency %s -> %s', (v, out) => expect(formatFrequency(v)).toBe(out))
  it('percent and availability precision', () => {
    expect(formatPercent(0.0546)).toBe('5.5%')
    expect(formatValue(0.99974, 'ratio', 'availability')).toBe('99.974%')
  })
})
