import { describe, expect, it } from 'vitest'
import { bucketLabel, bucketTitle, lastWholeBuckets, levelLines, partialOf, rollingMedians, toTrendData, type DurationPoint } from '@/lib/dashboard/trend-data'
import { listBuckets } from '@/lib/time/buckets'
import type { MetricsReport } from '@/lib/metrics/build-report'

const at = (s: string) => new Date(s)
// 30 days to the start of Thursday 2026-05-14 (UTC), seen on its Wednesday afternoon
const window = { from: at('2026-04-14T00:00:00Z'), to: at('2026-05-14T00:00:00Z') }
const now = at('2026-05-13T15:00:00Z')

describe('partialOf', () => {
  it.each([
    ['a whole week inside the range', '2026-04-20T00:00:00Z', '2026-04-27T00:00:00Z', null],
    ['the first week starts before the range', '2026-04-13T00:00:00Z', '2026-04-20T00:00:00Z', '6 d of 7 d in the range'],
    ['the last week ends after the range and is not over', '2026-05-11T00:00:00Z', '2026-05-18T00:00:00Z', '2 d 15 h of 7 d in the range'],
    ['today is not over', '2026-05-13T00:00:00Z', '2026-05-14T00:00:00Z', '15 h of 1 d in the range'],
  ])('%s', (_, start, end, out) => expect(partialOf(at(start), at(end), window, now)).toBe(out))
})

describe('levelLines follow the selected benchmark set', () => {
  it('DORA 2023', () => {
    const l = levelLines('dora-2023')
    expect(l.leadTime.map((x) => x.label)).toEqual(['elite < 1 d', 'high < 7 d', 'medium < 30 d'])
    expect(l.changeFailure.map((x) => x.label)).toEqual(['elite ≤ 5%', 'high ≤ 10%', 'medium ≤ 15%'])
    expect(l.restore.map((x) => x.value)).toEqual([3600, 86_400, 7 * 86_400])
  })
  it('DORA 2021 has other lead-time bounds', () => {
    expect(levelLines('dora-2021').leadTime.map((x) => x.label)).toEqual(['elite < 1 h', 'high < 7 d', 'medium < 182 d'])
  })
})

// A report's series over weekly buckets, as build-report shapes them.
function report(granularity: 'week' | 'day', w = window): MetricsReport {
  const buckets = listBuckets(w.from, w.to, granularity, 'UTC')
  const s = (f: (i: number) => Record<string, unknown>) => buckets.map((b, i) => ({ bucket: b.key, start: b.start, end: b.end, ...f(i) }))
  return {
    metrics: {
      deploymentFrequency: { series: s((i) => ({ success: 10 + i, failure: 1 })) },
      leadTime: { series: s((i) => ({ median: 3600 * (i + 1), p90: 7200 * (i + 1), count: i === 1 ? 2 : 8 })) },
      changeFailureRate: { series: s((i) => ({ rate: 1 / (11 + i), failures: 1, deployments: i === 2 ? 3 : 11 + i })) },
      timeToRestore: { series: s(() => ({ median: null, count: 0 })) },
    },
  } as unknown as MetricsReport
}

describe('toTrendData', () => {
  const data = toTrendData(report('week'), { window, now, granularity: 'week', benchmark: 'dora-2023' })
  it('marks the partial first and last weeks', () => {
    expect(data.deployments.map((p) => [p.bucket, p.partial !== null])).toEqual([
      ['2026-04-13', true], ['2026-04-20', false], ['2026-04-27', false], ['2026-05-04', false], ['2026-05-11', true],
    ])
  })
  it('gives every point its n and marks a sample below the minimum as few', () => {
    expect(data.deployments[0]!.n).toBe(11)
    expect(data.leadTime.map((p) => p.few)).toEqual([false, true, false, false, false])
    expect(data.changeFailure.map((p) => [p.n, p.few])).toEqual([[11, false], [12, false], [3, true], [14, false], [15, false]])
    expect(data.restore.every((p) => p.median === null && p.few)).toBe(true)
  })
  it('compares only the last two whole buckets', () => {
    expect(lastWholeBuckets(data.deployments, 0)!.map((p) => p.bucket)).toEqual(['2026-05-04', '2026-04-27'])
    // the bucket before the last whole one is below the minimum: no change figure
    expect(lastWholeBuckets(data.changeFailure.map((p, i) => (i === 3 ? { ...p, n: 4 } : p)), 5)).toBeNull()
  })
  it('sums a rolling 7 days over daily points; the first six are partial', () => {
    const days = { from: at('2026-05-01T00:00:00Z'), to: at('2026-05-11T00:00:00Z') }
    const d = toTrendData(report('day', days), { window: days, now, granularity: 'day', rolling: '7' })
    // day i has 10 + i successes; day 6 sums days 0..6
    expect(d.deployments[6]!.success).toBe(10 * 7 + 21)
    expect(d.deployments.map((p) => p.partial !== null)).toEqual([true, true, true, true, true, true, false, false, false, false])
    expect(d.deployments[0]!.partial).toBe('1 of 7 days in the range')
    // the rate is the trailing failures over the trailing deployments, not a mean of daily rates
    const p = d.changeFailure[9]!
    expect(p.percent).toBeCloseTo((p.failures / p.n) * 100)
    expect(p.failures).toBe(7)
  })
})

describe('bucket names', () => {
  it.each([
    ['2026-03-30', 'week', null, '30 Mar', 'Week of 30 Mar 2026'],
    ['2026-03-01', 'month', null, 'Mar 2026', 'Mar 2026'],
    ['2026-04-01', 'quarter', null, 'Q2 2026', 'Q2 2026'],
    ['2026-04-12', 'day', '28', '12 Apr', '28 days to 12 Apr 2026'],
  ] as const)('%s %s', (key, g, rolling, label, title) => {
    expect([bucketLabel(key, g), bucketTitle(key, g, rolling)]).toEqual([label, title])
  })
})

describe('rollingMedians', () => {
  const day = (i: number): DurationPoint => ({
    bucket: `2026-05-0${i + 1}`, start: '', end: '', partial: null, median: 100, p90: 200, n: 9, few: false,
  })
  const points = [0, 1, 2].map(day)
  it.each([
    ['each day takes its trailing window\'s median, p90 and n', 0, { count: 6, median: 3600, p90: 7200 }, { median: 3600, p90: 7200, n: 6, few: false }],
    ['a window with fewer changes than the minimum is hollow', 1, { count: 2, median: 60, p90: 90 }, { median: 60, p90: 90, n: 2, few: true }],
    ['a window without any has no value, never 0', 2, undefined, { median: null, p90: null, n: 0, few: true }],
  ] as const)('%s', (_, i, stats, out) => {
    const trailing = stats ? [{ bucket: points[i]!.bucket, ...stats }] : []
    expect(rollingMedians(points, trailing, 2, 5)[i]).toMatchObject(out)
  })
  it('a day whose window reaches before the range is partial, the others whole', () => {
    expect(rollingMedians(points, [], 2, 5).map((p) => p.partial)).toEqual(['1 of 2 days in the range', null, null])
  })
})
