import { formatDuration } from '@/lib/format/format-metric'

// How many decimals a target has: 99.999 -> 3, 99.9 -> 1, 99 -> 0 (targets carry at most three).
export function targetDecimals(targetPercent: number): number {
  const text = String(Math.round(targetPercent * 1000) / 1000)
  return text.includes('.') ? text.split('.')[1]!.length : 0
}

// Availability shown against its target with one decimal more than the target has, rounded DOWN: a 99.999%
// target shows 99.9989%, and a miss (99.99895%) never rounds up into reading as met. The API keeps full precision.
export function formatAvailability(ratio: number | null, targetPercent: number): string {
  if (ratio === null) return 'no data'
  const digits = targetDecimals(targetPercent) + 1
  const scale = 10 ** digits
  // the epsilon keeps binary fractions (99.99 stored as 99.98999...) from losing their last digit
  return `${(Math.floor(ratio * 100 * scale + 1e-6) / scale).toFixed(digits)}%`
}

// Probe downtime with its bound: "9 s, ± 5 s" (exact downtime, from incidents only, without one).
export function formatDowntime(seconds: number, errorSeconds: number): string {
  return errorSeconds > 0 ? `${formatDuration(seconds)}, ± ${formatDuration(errorSeconds)}` : formatDuration(seconds)
}
