import { describe, expect, it } from 'vitest'
import { dailyScores, dayRange, median, medianTrend, serviceTimeline, type ScanPoint } from '@/lib/compliance/score-history'

const scan = (id: number, at: string, kind: ScanPoint['kind'], score: number | null, over: Partial<ScanPoint> = {}): ScanPoint => ({
  id, serviceId: 1, scannedAt: new Date(at), kind, score, grade: score === null ? null : 'B', broken: score === null, imageDigest: null, ...over,
})

describe('serviceTimeline', () => {
  it('combines the latest config and vulnerability scans into S at every scan', () => {
    const points = serviceTimeline([
      scan(2, '2026-05-02T00:00:00Z', 'vulnerability', 64),
      scan(1, '2026-05-01T00:00:00Z', 'config', 100),
      scan(3, '2026-05-03T00:00:00Z', 'config', 81),
    ])
    expect(points.map((p) => p.s)).toEqual([100, 80, 72])
  })

  it('tells a new image from a re-scan of the same digest', () => {
    const points = serviceTimeline([
      scan(1, '2026-05-01T00:00:00Z', 'vulnerability', 90, { imageDigest: 'sha256:a' }),
      scan(2, '2026-05-02T00:00:00Z', 'vulnerability', 80, { imageDigest: 'sha256:a' }),
      scan(3, '2026-05-03T00:00:00Z', 'vulnerability', 95, { imageDigest: 'sha256:b' }),
      scan(4, '2026-05-04T00:00:00Z', 'vulnerability', 95),
    ])
    expect(points.map((p) => p.marker)).toEqual(['first', 'rescan', 'deploy', 'unknown'])
  })

  it('shows a broken configuration scan as no score, whatever V is', () => {
    const points = serviceTimeline([scan(1, '2026-05-01T00:00:00Z', 'vulnerability', 90), scan(2, '2026-05-02T00:00:00Z', 'config', null)])
    expect(points.map((p) => [p.s, p.broken])).toEqual([[90, false], [null, true]])
  })
})

describe('daily and median trends', () => {
  it('takes the last scan of the day', () => {
    const points = serviceTimeline([scan(1, '2026-05-01T08:00:00Z', 'config', 50), scan(2, '2026-05-01T20:00:00Z', 'config', 70), scan(3, '2026-05-03T01:00:00Z', 'config', 90)])
    expect(dailyScores(points)).toEqual([{ day: '2026-05-01', s: 70 }, { day: '2026-05-03', s: 90 }])
  })

  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %s', (values, m) => expect(median(values)).toBe(m))

  it('carries each service\'s last score forward and takes the median per day', () => {
    const a = [{ day: '2026-05-01', s: 60 }, { day: '2026-05-03', s: 80 }]
    const b = [{ day: '2026-05-02', s: 90 }]
    expect(medianTrend([a, b], dayRange('2026-05-01', '2026-05-04'))).toEqual([
      { day: '2026-05-01', s: 60 }, { day: '2026-05-02', s: 75 }, { day: '2026-05-03', s: 85 }, { day: '2026-05-04', s: 85 },
    ])
  })
})
