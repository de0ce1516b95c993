import { describe, expect, it } from 'vitest'
import { histogramsPay } from '@/lib/queries/metrics/span-histograms'
import type { Granularity } from '@/lib/time/buckets'

const window = (from: string, to: string, tz: string, granularity: Granularity, more: { teamIds?: number[]; totalsOnly?: boolean } = {}) =>
  ({ serviceIds: [1], environmentIds: [1], from: new Date(from), to: new Date(to), tz, granularity, ...more })

// Which scopes read the histograms rather than sorting their rows (the numbers are the same either way).
describe('histogramsPay', () => {
  it.each([
    ['whole teams: always (daily histograms)', window('2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', 'America/New_York', 'day', { teamIds: [1] }), true],
    ['services, 90 days by UTC week', window('2026-08-25T00:00:00Z', '2026-11-23T00:00:00Z', 'UTC', 'week'), true],
    ['services, a window\'s totals', window('2026-05-27T00:00:00Z', '2026-08-25T00:00:00Z', 'UTC', 'week', { totalsOnly: true }), true],
    ['services, UTC months', window('2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z', 'UTC', 'month'), true],
    ['services, daily buckets: no whole week in any', window('2026-08-25T00:00:00Z', '2026-11-23T00:00:00Z', 'UTC', 'day'), false],
    ['services, Berlin weeks hold no whole UTC week', window('2026-08-23T22:00:00Z', '2026-11-22T23:00:00Z', 'Europe/Berlin', 'week'), false],
  ])('%s', (_name, w, expected) => {
    expect(histogramsPay(w)).toBe(expected)
  })
})
