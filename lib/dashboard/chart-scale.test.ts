import { describe, expect, it } from 'vitest'
import { clipTop, durationAxis, formatDurationTick, percentAxis } from '@/lib/dashboard/chart-scale'

const H = 3600
const D = 86_400

describe('durationAxis: one unit, round ticks', () => {
  it.each([
    [0, ['0 min', '1 min']],
    [40 * 60, ['0 min', '15 min', '30 min', '45 min']],
    [3 * H, ['0 h', '1 h', '2 h', '3 h']],
    [9.2 * H, ['0 h', '6 h', '12 h']],
    [30 * H, ['0 h', '12 h', '24 h', '36 h']],
    [2.5 * D, ['0 d', '1 d', '2 d', '3 d']],
    [9 * D, ['0 w', '1 w', '2 w']],
    [66.7 * D, ['0 w', '4 w', '8 w', '12 w']],
  ])('%s s -> %j', (max, ticks) => {
    const axis = durationAxis(max)
    expect(axis.ticks.map((t) => formatDurationTick(t, axis.unit))).toEqual(ticks)
    expect(axis.top).toBeGreaterThanOrEqual(max)
    expect(axis.ticks.length).toBeLessThanOrEqual(5)
  })
})

describe('percentAxis', () => {
  it.each([[0, 1], [4, 4], [15, 15], [33, 40], [100, 100]])('%s%% -> top %s', (max, top) => expect(percentAxis(max).top).toBe(top))
})

describe('clipTop: outliers do not set the axis', () => {
  it.each([
    ['no values', [], 0, false],
    ['fewer than four values are all kept', [1, 2, 100], 100, false],
    ['nothing far out', [10, 12, 15, 20, null, 25], 25, false],
    // a 66.7 d change among lead times of about a day
    ['one far outlier', [20 * H, 24 * H, 26 * H, 22 * H, 66.7 * D], 26 * H, true],
    ['all zero', [0, 0, 0, 0], 0, false],
  ] as const)('%s', (_, values, keep, clipped) => {
    expect(clipTop([...values])).toEqual({ keep, clipped })
  })
})
