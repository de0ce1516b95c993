// Error-budget burn rates (Google SRE workbook, "Alerting on SLOs"): pure math over per-minute counts.
// A count is good/total events in one minute: passing/all probe samples, or good/all requests when a
// service reports request-based indicators. A minute with no events counts neither way.

export const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

export type MinuteCounts = { minute: number; good: number; total: number }
export type Window = { from: number; to: number }

// good/total over [from, to), by each minute's start (epoch ms). No events at all is no data (null), never 0 %.
export function sumWindow(counts: readonly MinuteCounts[], w: Window): { good: number; total: number } {
  let good = 0
  let total = 0
  for (const c of counts) {
    if (c.minute >= w.from && c.minute < w.to) {
      good += c.good
      total += c.total
    }
  }
  return { good, total }
}

export function errorRatio(good: number, total: number): number | null {
  return total > 0 ? (total - good) / total : null
}

// Burn rate = error ratio / (1 - objective): 1 spends exactly the budget over the SLO window, 14.4 over
// an hour spends 2 % of a 30-day budget. null: no data, or a 100 % objective (no budget to burn).
export function burnRate(ratio: number | null, targetPercent: number): number | null {
  const allowed = 1 - targetPercent / 100
  if (ratio === null || allowed <= 0) return null
  return ratio / allowed
}

// The burn rate over the `lengthMs` before `now` (whole minutes before it: the current one is unfinished).
export function burnRateOver(counts: readonly MinuteCounts[], now: number, lengthMs: number, targetPercent: number): number | null {
  const { good, total } = sumWindow(counts, { from: now - lengthMs, to: now })
  return burnRate(errorRatio(good, total), targetPercent)
}

// Is the burn rate above `factor`? Compared in integers so a scripted burn at exactly the threshold is
// decided the same way every time: targets have at most 3 decimals (numeric(6,3)), factors at most 1.
export function burnsFaster(good: number, total: number, targetPercent: number, factor: number): boolean {
  if (total <= 0) return false
  const allowedPerHundredThousand = 100_000 - Math.round(targetPercent * 1000)
  if (allowedPerHundredThousand <= 0) return false
  // (bad / total) > factor x allowed / 100 000  <=>  bad x 1 000 000 > (10 factor) x allowed x total
  return (total - good) * 1_000_000 > Math.round(factor * 10) * allowedPerHundredThousand * total
}

export type BurnRule = { rule: 'page_1h' | 'page_6h' | 'ticket_3d'; severity: 'page' | 'ticket'; factor: number; longMs: number; shortMs: number }

// The workbook's multiwindow, multi-burn-rate rules for a 30-day SLO (its table 5-8 / "recommended").
export const BURN_RULES: readonly BurnRule[] = [
  { rule: 'page_1h', severity: 'page', factor: 14.4, longMs: HOUR_MS, shortMs: 5 * MINUTE_MS },
  { rule: 'page_6h', severity: 'page', factor: 6, longMs: 6 * HOUR_MS, shortMs: 30 * MINUTE_MS },
  { rule: 'ticket_3d', severity: 'ticket', factor: 1, longMs: 72 * HOUR_MS, shortMs: 6 * HOUR_MS },
]

// How far back the rules read.
export const LONGEST_RULE_MS = Math.max(...BURN_RULES.map((r) => r.longMs))

// good/total over the `lengthMs` before the evaluation minute: from per-minute counts here, or summed by SQL.
export type WindowSums = (lengthMs: number) => { good: number; total: number }

export function windowSumsOf(counts: readonly MinuteCounts[], now: number): WindowSums {
  return (ms) => sumWindow(counts, { from: now - ms, to: now })
}

export type HoldingRule = { rule: BurnRule['rule']; severity: BurnRule['severity']; longBurnRate: number; shortBurnRate: number }

// A rule holds when the burn rate is above its factor over BOTH its long and its short window (the short
// one makes it stop soon after the burn stops). Windows without events never hold.
export function holdingRules(sums: WindowSums, targetPercent: number): HoldingRule[] {
  const held: HoldingRule[] = []
  for (const r of BURN_RULES) {
    const long = sums(r.longMs)
    const short = sums(r.shortMs)
    if (!burnsFaster(long.good, long.total, targetPercent, r.factor) || !burnsFaster(short.good, short.total, targetPercent, r.factor)) continue
    const rate = (s: { good: number; total: number }) => burnRate(errorRatio(s.good, s.total), targetPercent)!
    held.push({ rule: r.rule, severity: r.severity, longBurnRate: rate(long), shortBurnRate: rate(short) })
  }
  return held
}

// Every window length the rules read.
export const RULE_WINDOWS_MS: readonly number[] = [...new Set(BURN_RULES.flatMap((r) => [r.longMs, r.shortMs]))]

// Open an alert for each rule that holds and has none open; resolve each open one whose rule no longer holds.
export function alertTransitions<R extends string>(open: readonly R[], holding: readonly R[]): { toOpen: R[]; toResolve: R[] } {
  return { toOpen: holding.filter((r) => !open.includes(r)), toResolve: open.filter((r) => !holding.includes(r)) }
}
