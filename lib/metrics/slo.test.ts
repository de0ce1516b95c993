import { describe, expect, it } from 'vitest'
import { burnRate, computeErrorBudget, computeSloStatus, describeTarget, earliestSloStart, sloWindowRange } from '@/lib/metrics/slo'

const H = 3_600_000
const D = 86_400_000
const now = new Date('2026-05-20T12:00:00Z')

describe('sloWindowRange', () => {
  it.each([
    ['rolling_28d', '2026-04-22T12:00:00.000Z', 28 * D],
    ['rolling_30d', '2026-04-20T12:00:00.000Z', 30 * D],
    ['calendar_quarter', '2026-04-01T00:00:00.000Z', 91 * D], // April + May + June
    ['calendar_month', '2026-05-01T00:00:00.000Z', 31 * D],
  ] as const)('%s', (kind, from, length) => {
    const r = sloWindowRange(kind, now)
    expect([r.from.toISOString(), r.to, r.lengthMs]).toEqual([from, now, length])
  })

  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z', 90 * D],
    ['2026-03-31T23:59:59Z', '2026-01-01T00:00:00.000Z', 90 * D],
    ['2026-12-31T12:00:00Z', '2026-10-01T00:00:00.000Z', 92 * D],
    ['2028-02-29T12:00:00Z', '2028-01-01T00:00:00.000Z', 91 * D], // leap year
  ])('calendar quarter at %s', (at, from, length) => {
    const r = sloWindowRange('calendar_quarter', new Date(at))
    expect([r.from.toISOString(), r.lengthMs]).toEqual([from, length])
  })
})

describe('calendar month', () => {
  it.each([
    ['2026-02-14T12:00:00Z', '2026-02-01T00:00:00.000Z', 28 * D],
    ['2028-02-29T23:59:59Z', '2028-02-01T00:00:00.000Z', 29 * D], // leap year
    ['2026-04-01T00:00:00Z', '2026-04-01T00:00:00.000Z', 30 * D],
    ['2026-12-31T12:00:00Z', '2026-12-01T00:00:00.000Z', 31 * D],
  ])('at %s', (at, from, length) => {
    const r = sloWindowRange('calendar_month', new Date(at))
    expect([r.from.toISOString(), r.lengthMs]).toEqual([from, length])
  })

  it('a five-nines month allows 26.784 s over 31 days, spent by downtime since the 1st', () => {
    const s = computeSloStatus(99.999, 'calendar_month', [{ start: Date.parse('2026-04-30T12:00:00Z'), end: Date.parse('2026-05-01T00:00:09Z') }], now)
    expect(s.budget.totalSeconds).toBeCloseTo(26.784, 9)
    expect(s.downtimeSeconds).toBe(9) // only the part in May
  })
})

describe('computeErrorBudget', () => {
  it.each([
    // target, window, downtime -> total, spent, remaining (minutes), remaining ratio
    [99.9, 30 * D, 0, 43.2, 0, 43.2, 1],
    [99.9, 30 * D, 21.6 * 60_000, 43.2, 21.6, 21.6, 0.5],
    [99.9, 30 * D, 86.4 * 60_000, 43.2, 86.4, -43.2, -1],
    [99.99, 28 * D, 60_000, 4.032, 1, 3.032, 3.032 / 4.032],
    [99, 91 * D, 0, 1310.4, 0, 1310.4, 1],
    [100, 30 * D, 60_000, 0, 1, -1, null],
  ])('%f%% over %i ms with %i ms down', (target, windowMs, downMs, total, spent, remaining, ratio) => {
    const b = computeErrorBudget(target, windowMs, downMs)
    expect(b.totalMinutes).toBeCloseTo(total, 6)
    expect(b.spentMinutes).toBeCloseTo(spent, 6)
    expect(b.remainingMinutes).toBeCloseTo(remaining, 6)
    if (ratio === null) expect(b.remainingRatio).toBeNull()
    else expect(b.remainingRatio).toBeCloseTo(ratio, 6)
  })
})

describe('burnRate', () => {
  it.each([
    [99.9, 0, H, 0],
    [99.9, 3.6 * 1000, H, 1], // 0.1% of an hour: exactly the allowed rate
    [99.9, 51.84 * 1000, H, 14.4], // the classic fast-burn alert: 2% of a 30-day budget in an hour
    [99.9, 6 * H, 6 * H, 1000],
    [99, 36 * 1000, H, 1],
    [100, 1000, H, null],
  ])('target %f%%, %i ms down in %i ms -> %s', (target, down, lookback, rate) => {
    const r = burnRate(target, down, lookback)
    if (rate === null) expect(r).toBeNull()
    else expect(r).toBeCloseTo(rate, 9)
  })
})

describe('describeTarget', () => {
  it.each([
    [99.999, '99.999% (five nines): about 26 s of downtime a month (5 min 16 s a year)'],
    [99.99, '99.99% (four nines): about 4 min 23 s of downtime a month (53 min a year)'],
    [99.9, '99.9% (three nines): about 44 min of downtime a month (8 h 46 min a year)'],
    [99.95, '99.95%: about 22 min of downtime a month (4 h 23 min a year)'],
    [99, '99% (two nines): about 7 h 18 min of downtime a month (3 d 16 h a year)'],
    [100, '100%: no downtime at all'],
  ])('%f', (target, text) => {
    expect(describeTarget(target)).toBe(text)
  })
})

describe('computeSloStatus', () => {
  const t = (h: number) => now.getTime() + h * H
  it('spends the budget on downtime inside the window, once, and burns fast on a recent outage', () => {
    const intervals = [
      { start: t(-40 * 24), end: t(-39 * 24) }, // before the 30-day window
      { start: t(-48), end: t(-47.5) }, // 30 min
      { start: t(-47.75), end: t(-47.25) }, // overlaps: 15 more
      { start: t(-0.25), end: null }, // still down: the last 15 min
    ]
    const s = computeSloStatus(99.9, 'rolling_30d', intervals, now)
    expect(s.downtimeSeconds).toBe(60 * 60)
    expect(s.budget.spentMinutes).toBe(60)
    expect(s.budget.remainingMinutes).toBeCloseTo(43.2 - 60, 9)
    expect(s.burnRate.oneHour).toBeCloseTo(0.25 / 0.001, 9)
    expect(s.burnRate.sixHours).toBeCloseTo(0.25 / 6 / 0.001, 9)
    expect(s.burnRate.oneDay).toBeCloseTo(0.25 / 24 / 0.001, 9)
    expect(s.burnRate.threeDays).toBeCloseTo(1 / 72 / 0.001, 9) // the 45 min two days ago and the last 15 min
    expect(s.availability).toBeCloseTo(1 - 1 / (30 * 24), 12)
  })

  it('keeps the whole budget with no downtime', () => {
    const s = computeSloStatus(99.5, 'rolling_28d', [], now)
    expect(s.budget).toMatchObject({ spentMinutes: 0, remainingRatio: 1 })
    expect(s.burnRate).toEqual({ oneHour: 0, sixHours: 0, oneDay: 0, threeDays: 0 })
  })

  it('loads from the earliest window start (and at least 3 days back, the longest burn-rate lookback)', () => {
    expect(earliestSloStart(['rolling_28d', 'calendar_quarter'], now).toISOString()).toBe('2026-04-01T00:00:00.000Z')
    expect(earliestSloStart([], now).toISOString()).toBe('2026-05-17T12:00:00.000Z')
  })
})

describe('precise probe downtime in the SLO', () => {
  const t = (s: number) => now.getTime() + s * 1000
  it('a five-nines target on 60 s probes is flagged too coarse; on 10 s probes, or at 99.99 %, it is not', () => {
    expect(computeSloStatus(99.999, 'rolling_30d', [], now, { probeIntervalSeconds: 60 }).probesTooCoarse).toBe(true) // budget 25.92 s < 60 s
    expect(computeSloStatus(99.999, 'rolling_30d', [], now, { probeIntervalSeconds: 10 }).probesTooCoarse).toBe(false)
    expect(computeSloStatus(99.99, 'rolling_30d', [], now, { probeIntervalSeconds: 60 }).probesTooCoarse).toBe(false) // 259.2 s
    expect(computeSloStatus(99.999, 'rolling_30d', [], now, {}).probesTooCoarse).toBe(false) // no probes: nothing to judge
  })

  it('states the downtime with the error of its probe edges, and the budget in seconds', () => {
    const s = computeSloStatus(99.999, 'rolling_30d', [{ start: t(-600), end: t(-591), startErrorMs: 5000, endErrorMs: 5000 }], now, { probeIntervalSeconds: 10 })
    expect([s.downtimeSeconds, s.downtimeErrorSeconds]).toEqual([9, 10])
    expect(s.budget.totalSeconds).toBeCloseTo(25.92, 9)
    expect(s.budget.remainingSeconds).toBeCloseTo(16.92, 9)
  })
})
