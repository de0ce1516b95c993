import type { Random } from './random'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

const WORK_START_HOUR = 8 // UTC; the demo organisation works in one time zone
const WORK_END_HOUR = 18
const OFF_HOURS_KEEP = 0.12 // share of off-hours events that really happen off hours (on-call, night owls)

export function isWorkingTime(t: number): boolean {
  const d = new Date(t)
  const day = d.getUTCDay()
  const hour = d.getUTCHours()
  return day !== 0 && day !== 6 && hour >= WORK_START_HOUR && hour < WORK_END_HOUR
}

/** Start of the next working window strictly after a non-working instant. */
function nextWorkingStart(t: number): number {
  const d = new Date(t)
  d.setUTCHours(WORK_START_HOUR, 0, 0, 0)
  if (d.getTime() <= t) d.setUTCDate(d.getUTCDate() + 1)
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1)
  return d.getTime()
}

/** Moves most off-hours instants into the next working window, spread over its first hours. */
export function biasToWorkingHours(t: number, rng: Random, spread = 3 * HOUR): number {
  if (isWorkingTime(t) || rng.chance(OFF_HOURS_KEEP)) return t
  return nextWorkingStart(t) + rng.next() * spread
}

/** Next event of a Poisson-like process with the given mean gap, biased to working hours. */
export function nextEventTime(t: number, meanHours: number, rng: Random): number {
  const gap = rng.exponential(meanHours * HOUR)
  return biasToWorkingHours(t + gap, rng, Math.min(3 * HOUR, meanHours * HOUR))
}
