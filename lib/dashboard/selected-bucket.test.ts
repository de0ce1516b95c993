import { describe, expect, it } from 'vitest'
import { selectBucket } from '@/lib/dashboard/selected-bucket'

const window = { from: new Date('2026-11-04T00:00:00Z'), to: new Date('2026-12-04T00:00:00Z') }

describe('selectBucket', () => {
  it.each([
    // no bucket: the whole window
    [undefined, 'week', 'UTC', null],
    ['', 'week', 'UTC', null],
    // a whole week inside the window
    ['2026-11-09', 'week', 'UTC', ['2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z']],
    // the first week starts on Monday 2 November, before the window: clipped to the window's start
    ['2026-11-02', 'week', 'UTC', ['2026-11-04T00:00:00.000Z', '2026-11-09T00:00:00.000Z']],
    // the last week runs past the window's end: clipped to it
    ['2026-11-30', 'week', 'UTC', ['2026-11-30T00:00:00.000Z', '2026-12-04T00:00:00.000Z']],
    // a local day in Berlin (UTC+1 in November)
    ['2026-11-10', 'day', 'Europe/Berlin', ['2026-11-09T23:00:00.000Z', '2026-11-10T23:00:00.000Z']],
  ] as const)('%s by %s in %s', (key, granularity, tz, expected) => {
    const r = selectBucket(key, window, granularity, tz)
    expect(r.ok).toBe(true)
    const bucket = r.ok ? r.bucket : undefined
    expect(bucket ? [bucket.from.toISOString(), bucket.to.toISOString()] : null).toEqual(expected)
  })

  it.each([
    // not a bucket start for this granularity (a Tuesday for weeks), outside the window, not a date
    ['2026-11-10', 'week'],
    ['2026-10-26', 'week'],
    ['2026-12-07', 'week'],
    ['yesterday', 'day'],
  ] as const)('refuses %s by %s, naming the field', (key, granularity) => {
    const r = selectBucket(key, window, granularity, 'UTC')
    expect(r.ok).toBe(false)
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['bucket'])
  })
})
