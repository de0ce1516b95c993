import { describe, expect, it } from 'vitest'
import { bucketKeyOf, fillBuckets, listBuckets, previousWindow } from '@/lib/time/buckets'
import { isValidTimeZone } from '@/lib/time/time-zone'

const d = (s: string) => new Date(s)
const hours = (b: { start: Date; end: Date }) => (b.end.getTime() - b.start.getTime()) / 3_600_000

describe('listBuckets', () => {
  it.each([
    // name, from, to, granularity, zone, expected keys
    ['UTC days', '2026-05-01T00:00:00Z', '2026-05-04T00:00:00Z', 'day', 'UTC', ['2026-05-01', '2026-05-02', '2026-05-03']],
    ['partial first and last day', '2026-05-01T12:00:00Z', '2026-05-03T01:00:00Z', 'day', 'UTC', ['2026-05-01', '2026-05-02', '2026-05-03']],
    ['ISO weeks start on Monday', '2026-05-01T00:00:00Z', '2026-05-12T00:00:00Z', 'week', 'UTC', ['2026-04-27', '2026-05-04', '2026-05-11']],
    ['months', '2026-01-15T00:00:00Z', '2026-04-01T00:00:00Z', 'month', 'UTC', ['2026-01-01', '2026-02-01', '2026-03-01']],
    ['quarters', '2026-02-01T00:00:00Z', '2026-08-01T00:00:00Z', 'quarter', 'UTC', ['2026-01-01', '2026-04-01', '2026-07-01']],
    ['local days in Tokyo', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z', 'day', 'Asia/Tokyo', ['2026-05-01', '2026-05-02']],
    ['empty window', '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', 'day', 'UTC', []],
  ] as const)('%s', (_name, from, to, granularity, tz, keys) => {
    expect(listBuckets(d(from), d(to), granularity, tz).map((b) => b.key)).toEqual(keys)
  })

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours long (Europe/Berlin)', () => {
    const spring = listBuckets(d('2026-03-28T12:00:00Z'), d('2026-03-30T12:00:00Z'), 'day', 'Europe/Berlin')
    expect(spring.map((b) => [b.key, hours(b)])).toEqual([['2026-03-28', 24], ['2026-03-29', 23], ['2026-03-30', 24]])
    const fall = listBuckets(d('2026-10-25T00:00:00Z'), d('2026-10-25T22:30:00Z'), 'day', 'Europe/Berlin')
    expect(fall.map((b) => [b.key, hours(b)])).toEqual([['2026-10-25', 25]])
    expect(fall[0]!.start.toISOString()).toBe('2026-10-24T22:00:00.000Z')
  })

  it('starts a New York week at local midnight across the DST change', () => {
    const [week] = listBuckets(d('2026-03-09T12:00:00Z'), d('2026-03-10T00:00:00Z'), 'week', 'America/New_York')
    expect(week).toEqual({ key: '2026-03-09', start: d('2026-03-09T04:00:00Z'), end: d('2026-03-16T04:00:00Z') })
  })
})

describe('bucketKeyOf', () => {
  it.each([
    ['2026-03-29T22:30:00Z', 'day', 'Europe/Berlin', '2026-03-30'],
    ['2026-03-29T21:30:00Z', 'day', 'Europe/Berlin', '2026-03-29'],
    ['2026-01-01T03:00:00Z', 'month', 'America/Los_Angeles', '2025-12-01'],
    ['2026-05-03T23:00:00Z', 'week', 'UTC', '2026-04-27'],
  ] as const)('%s in %s buckets of %s -> %s', (at, granularity, tz, key) => {
    expect(bucketKeyOf(d(at), granularity, tz)).toBe(key)
  })
})

describe('fillBuckets and previousWindow', () => {
  it('zero-fills missing buckets', () => {
    const buckets = listBuckets(d('2026-05-01T00:00:00Z'), d('2026-05-04T00:00:00Z'), 'day', 'UTC')
    expect(fillBuckets(buckets, new Map([['2026-05-02', 7]]), () => 0).map((b) => b.value)).toEqual([0, 7, 0])
  })

  it('gives the window of the same length before', () => {
    expect(previousWindow(d('2026-04-01T00:00:00Z'), d('2026-07-01T00:00:00Z'))).toEqual({ from: d('2025-12-31T00:00:00Z'), to: d('2026-04-01T00:00:00Z') })
  })
})

describe('isValidTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus', false],
    ["UTC'; DROP TABLE deployment; --", false],
    ['', false],
  ])('%s -> %s', (tz, ok) => expect(isValidTimeZone(tz)).toBe(ok))
})
