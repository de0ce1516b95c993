import { burnRate, errorRatio } from '@/lib/metrics/burn-rate'

export type Counts = { good: number; total: number }
export type BurnLookback = 'oneHour' | 'sixHours' | 'oneDay' | 'threeDays'
export const BURN_LOOKBACKS_MS: Record<BurnLookback, number> = { oneHour: 3_600_000, sixHours: 21_600_000, oneDay: 86_400_000, threeDays: 259_200_000 }

export type RequestSlo = {
  goodRequests: number
  totalRequests: number
  failedRequests: number
  // sum of good / sum of total over the SLO window; null without any traffic (no data, never 100 %)
  availability: number | null
  // the error budget in requests: the failures the target allows among the requests so far
  budget: { totalRequests: number; spentRequests: number; remainingRequests: number; remainingRatio: number | null }
  burnRate: Record<BurnLookback, number | null>
}

// Failures a target allows among `total` requests, exactly: targets have at most three decimals, so
// (1 - target) is a whole number of hundred-thousandths (99.999 % -> 1), and 1 - 0.99999 in floats is not 1e-5.
export function allowedFailures(targetPercent: number, total: number): number {
  return (total * (100_000 - Math.round(targetPercent * 1000))) / 100_000
}

// A service's request-based SLO from its counts over the SLO window and over each burn-rate lookback
// (Google's SRE workbook: good events over valid events; a minute without traffic counts neither way).
export function computeRequestSlo(targetPercent: number, window: Counts, lookbacks: Partial<Record<BurnLookback, Counts>>): RequestSlo {
  const failed = window.total - window.good
  const allowed = allowedFailures(targetPercent, window.total)
  const rate = (c: Counts | undefined) => burnRate(c ? errorRatio(c.good, c.total) : null, targetPercent)
  return {
    goodRequests: window.good,
    totalRequests: window.total,
    failedRequests: failed,
    availability: window.total > 0 ? window.good / window.total : null,
    budget: { totalRequests: allowed, spentRequests: failed, remainingRequests: allowed - failed, remainingRatio: allowed > 0 ? (allowed - failed) / allowed : null },
    burnRate: { oneHour: rate(lookbacks.oneHour), sixHours: rate(lookbacks.sixHours), oneDay: rate(lookbacks.oneDay), threeDays: rate(lookbacks.threeDays) },
  }
}
