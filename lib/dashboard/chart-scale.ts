// How a trend chart's value axis is laid out: round ticks in one unit, and a top that a few outliers
// cannot push up so far that every other point lies flat along the bottom (a 66.7 d axis under a 1 d
// median). Pure: the charts (components/charts) draw what these functions return.

const MINUTE = 60
const HOUR = 3600
const DAY = 86_400
const WEEK = 7 * DAY

// Tick steps a reader counts in without arithmetic: 1 h, 6 h, 1 d, 1 w and the steps between.
const durationSteps = [
  MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, WEEK, 2 * WEEK, 4 * WEEK, 8 * WEEK, 16 * WEEK,
]
// intervals, so an axis has at most five labels
const MAX_TICKS = 4

export type DurationUnit = { label: 'min' | 'h' | 'd' | 'w'; seconds: number }

export type DurationAxis = { top: number; ticks: number[]; unit: DurationUnit }

// The unit every tick of an axis is written in: the one its step counts in.
function unitOf(step: number): DurationUnit {
  if (step < HOUR) return { label: 'min', seconds: MINUTE }
  if (step < DAY) return { label: 'h', seconds: HOUR }
  if (step < WEEK) return { label: 'd', seconds: DAY }
  return { label: 'w', seconds: WEEK }
}

// An axis from 0 to at least `max` seconds, in at most four round steps, every tick in one unit.
export function durationAxis(max: number): DurationAxis {
  const top = Math.max(max, MINUTE)
  const step = durationSteps.find((s) => Math.ceil(top / s) <= MAX_TICKS) ?? Math.ceil(top / MAX_TICKS / WEEK) * WEEK
  const count = Math.max(1, Math.ceil(top / step - 1e-9))
  return { top: count * step, ticks: Array.from({ length: count + 1 }, (_, i) => i * step), unit: unitOf(step) }
}

// A tick in the axis' unit: "6 h", "1.5 d" never happens because steps are whole units of it.
export function formatDurationTick(seconds: number, unit: DurationUnit): string {
  const n = seconds / unit.seconds
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit.label}`
}

// Percent axes (change failure and rework rates): round steps up to a top that covers the values.
export function percentAxis(max: number): { top: number; ticks: number[] } {
  const top = Math.max(max, 1)
  const step = [1, 2, 5, 10, 20, 25].find((s) => Math.ceil(top / s) <= MAX_TICKS) ?? 25
  const count = Math.min(Math.ceil(top / step - 1e-9), Math.ceil(100 / step))
  return { top: count * step, ticks: Array.from({ length: count + 1 }, (_, i) => i * step) }
}

// Where a chart's axis stops: the values with outliers left out, so that one 60-day change does not
// hide the shape of the rest. An outlier is above three times the upper quartile (with at least four
// values; fewer give no quartile worth the name). Returns the largest value kept.
export function clipTop(values: (number | null)[]): { keep: number; clipped: boolean } {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return { keep: 0, clipped: false }
  const max = v[v.length - 1]!
  if (v.length < 4) return { keep: max, clipped: false }
  const q3 = v[Math.floor(0.75 * (v.length - 1))]!
  const limit = 3 * q3
  if (limit <= 0 || max <= limit) return { keep: max, clipped: false }
  return { keep: v.filter((x) => x <= limit).pop() ?? limit, clipped: true }
}
