import { describe, expect, it } from 'vitest'
import { dueDigestWeek } from '@/lib/alerts/digest-schedule'

describe('dueDigestWeek', () => {
  it.each([
    // 2026-12-07 is a Monday
    ['2026-12-07T08:59:00Z', 'UTC', null],
    ['2026-12-07T09:00:00Z', 'UTC', { weekStart: '2026-12-07', from: '2026-11-30', to: '2026-12-06' }],
    ['2026-12-08T08:59:00Z', 'UTC', { weekStart: '2026-12-07', from: '2026-11-30', to: '2026-12-06' }], // late, within the day
    ['2026-12-08T09:00:00Z', 'UTC', null],
    ['2026-12-06T09:00:00Z', 'UTC', null], // Sunday
    // Berlin is UTC+1 in December: 09:00 there is 08:00 UTC
    ['2026-12-07T08:00:00Z', 'Europe/Berlin', { weekStart: '2026-12-07', from: '2026-11-30', to: '2026-12-06' }],
    ['2026-12-07T07:59:00Z', 'Europe/Berlin', null],
    // Auckland (UTC+13): Monday 09:00 there is Sunday 20:00 UTC
    ['2026-12-06T20:00:00Z', 'Pacific/Auckland', { weekStart: '2026-12-07', from: '2026-11-30', to: '2026-12-06' }],
    // Kathmandu (UTC+5:45): 03:15 UTC
    ['2026-12-07T03:14:00Z', 'Asia/Kathmandu', null],
    ['2026-12-07T03:15:00Z', 'Asia/Kathmandu', { weekStart: '2026-12-07', from: '2026-11-30', to: '2026-12-06' }],
    // the Monday after Europe's spring change (29 March 2026): 09:00 CEST is 07:00 UTC
    ['2026-03-30T07:00:00Z', 'Europe/Berlin', { weekStart: '2026-03-30', from: '2026-03-23', to: '2026-03-29' }],
  ])('%s in %s', (at, tz, due) => {
    expect(dueDigestWeek(new Date(at), tz)).toEqual(due)
  })
})
