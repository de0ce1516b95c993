import { describe, expect, it } from 'vitest'
import {
  alertTransitions, BURN_RULES, burnRate, burnRateOver, burnsFaster, errorRatio, holdingRules, MINUTE_MS, sumWindow, windowSumsOf, type MinuteCounts,
} from '@/lib/metrics/burn-rate'

const M = MINUTE_MS
const H = 60 * M
const t0 = Date.parse('2026-05-20T00:00:00Z')

// `minutes` minutes ending before `end`, each with `total` events of which `bad` failed
function run(end: number, minutes: number, total: number, bad: number): MinuteCounts[] {
  return Array.from({ length: minutes }, (_, i) => ({ minute: end - (minutes - i) * M, good: total - bad, total }))
}

describe('errorRatio and burnRate', () => {
  it.each([
    // good, total, target -> ratio, burn rate
    [0, 0, 99.9, null, null], // no events: no data, never 0 %
    [60, 60, 99.9, 0, 0],
    [999, 1000, 99.9, 0.001, 1],
    [9856, 10_000, 99.9, 0.0144, 14.4],
    [994, 1000, 99.9, 0.006, 6],
    [0, 4, 99, 1, 100],
    [9999, 10_000, 99.99, 0.0001, 1],
    [5, 10, 100, 0.5, null], // a 100 % objective has no budget to burn
  ])('%i good of %i at %f%% -> ratio %s, burn %s', (good, total, target, ratio, rate) => {
    const r = errorRatio(good, total)
    if (ratio === null) expect(r).toBeNull()
    else expect(r).toBeCloseTo(ratio, 12)
    const b = burnRate(r, target)
    if (rate === null) expect(b).toBeNull()
    else expect(b).toBeCloseTo(rate, 9)
  })
})

describe('sumWindow', () => {
  const counts = [
    { minute: t0 - 2 * M, good: 1, total: 2 },
    { minute: t0 - M, good: 3, total: 3 },
    { minute: t0, good: 0, total: 5 }, // the unfinished minute at t0 is outside [.., t0)
  ]
  it.each([
    [t0 - 2 * M, t0, 4, 5],
    [t0 - M, t0, 3, 3],
    [t0 - 10 * M, t0 - 2 * M, 0, 0],
    [t0, t0 + M, 0, 5],
  ])('[%i, %i) -> %i good of %i', (from, to, good, total) => {
    expect(sumWindow(counts, { from, to })).toEqual({ good, total })
  })

  it('burnRateOver reads the whole minutes before now', () => {
    expect(burnRateOver(counts, t0, 2 * M, 99)).toBeCloseTo(0.2 / 0.01, 9)
    expect(burnRateOver(counts, t0, M, 99)).toBe(0)
    expect(burnRateOver([], t0, H, 99.9)).toBeNull()
  })
})

describe('burnsFaster: exact at the threshold', () => {
  it.each([
    // good, total, target, factor -> above?
    [9856, 10_000, 99.9, 14.4, false], // exactly 14.4x is not above it (the workbook's ">")
    [9855, 10_000, 99.9, 14.4, true],
    [994, 1000, 99.9, 6, false],
    [993, 1000, 99.9, 6, true],
    [999, 1000, 99.9, 1, false],
    [998, 1000, 99.9, 1, true],
    [99_999, 100_000, 99.999, 1, false],
    [99_998, 100_000, 99.999, 1, true],
    [0, 0, 99.9, 1, false], // no data never holds
    [0, 10, 100, 1, false], // no budget: no burn rate
  ])('%i good of %i at %f%% above %fx: %s', (good, total, target, factor, above) => {
    expect(burnsFaster(good, total, target, factor)).toBe(above)
  })
})

describe('holdingRules', () => {
  const now = t0 + 3 * 24 * H
  it.each([
    ['no data', [] as MinuteCounts[], []],
    ['all good for three days', run(now, 72 * 60, 1, 0), []],
    // 100 % failing for the last 5 minutes: 5/60 = 8.3 % over the hour (83x): page_1h; 6 h: 5/360 = 1.4 % (13.9x) but the
    // 30-minute window is 16.7 % (167x): page_6h; 3 d: 5/4320 (1.16x) over 6 h 13.9x: ticket_3d
    ['5 minutes down after 3 good days', [...run(now - 5 * M, 72 * 60 - 5, 1, 0), ...run(now, 5, 1, 1)], ['page_1h', 'page_6h', 'ticket_3d']],
    // the same burn an hour later: the 5-minute and 30-minute windows are clean again, the 6 h one still above 1x
    ['5 minutes down an hour ago', [...run(now - 65 * M, 72 * 60 - 65, 1, 0), ...run(now - 60 * M, 5, 1, 1), ...run(now, 60, 1, 0)], ['ticket_3d']],
    // 2 % errors for 6 hours: 20x on every window but the 3-day one at 2 % x 6/72 / 0.1 % = 1.67x
    ['2 % errors for 6 hours', [...run(now - 6 * H, 66 * 60, 100, 0), ...run(now, 6 * 60, 100, 2)], ['page_1h', 'page_6h', 'ticket_3d']],
    // 1 % errors for an hour only: 10x: not page_1h (14.4x), page_6h's 6 h window 10/6 = 1.67x < 6x; ticket 3 d 0.14x
    ['1 % for an hour', [...run(now - H, 71 * 60, 100, 0), ...run(now, 60, 100, 1)], []],
  ])('%s', (_name, counts, rules) => {
    expect(holdingRules(windowSumsOf(counts, now), 99.9).map((h) => h.rule)).toEqual(rules)
  })

  it('gives the burn rates over both windows', () => {
    const [h] = holdingRules(windowSumsOf([...run(now - 5 * M, 55, 1, 0), ...run(now, 5, 1, 1)], now), 99.9)
    expect(h!.rule).toBe('page_1h')
    expect(h!.longBurnRate).toBeCloseTo(5 / 60 / 0.001, 6)
    expect(h!.shortBurnRate).toBeCloseTo(1000, 6)
  })

  it('the rules are the workbook\'s', () => {
    expect(BURN_RULES.map((r) => [r.rule, r.severity, r.factor, r.longMs / M, r.shortMs / M])).toEqual([
      ['page_1h', 'page', 14.4, 60, 5],
      ['page_6h', 'page', 6, 360, 30],
      ['ticket_3d', 'ticket', 1, 4320, 360],
    ])
  })
})

describe('alertTransitions', () => {
  it.each([
    [[], [], [], []],
    [[], ['page_1h'], ['page_1h'], []],
    [['page_1h'], ['page_1h'], [], []], // a rerun at the same minute changes nothing
    [['page_1h', 'ticket_3d'], ['ticket_3d', 'page_6h'], ['page_6h'], ['page_1h']],
  ])('open %j, holding %j -> open %j, resolve %j', (open, holding, toOpen, toResolve) => {
    expect(alertTransitions(open, holding)).toEqual({ toOpen, toResolve })
  })
})
