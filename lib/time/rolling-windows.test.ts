import { describe, expect, it } from 'vitest'
import { listBuckets } from '@/lib/time/buckets'
import { rollingWindows } from '@/lib/time/rolling-windows'

describe('rollingWindows', () => {
  // 10 days in Berlin across the spring DST change (29 March 2026): calendar days, one of 23 hours
  const days = listBuckets(new Date('2026-03-22T23:00:00Z'), new Date('2026-04-01T22:00:00Z'), 'day', 'Europe/Berlin')
  const windows = rollingWindows(days, 7)
  it.each([
    ['the first day: only itself (nothing before the range)', 0, '2026-03-23', '2026-03-22T23:00:00.000Z', '2026-03-23T23:00:00.000Z'],
    ['the sixth day: the range so far', 5, '2026-03-28', '2026-03-22T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
    ['the seventh day: seven whole days', 6, '2026-03-29', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['after the change: seven calendar days, 167 hours', 7, '2026-03-30', '2026-03-23T23:00:00.000Z', '2026-03-30T22:00:00.000Z'],
  ])('%s', (_, i, key, from, to) => {
    expect(windows[i]).toEqual({ key, from: new Date(from), to: new Date(to) })
  })
  it('one window per day', () => expect(windows.map((w) => w.key)).toEqual(days.map((d) => d.key)))
})
