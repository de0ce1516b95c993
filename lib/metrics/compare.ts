export type Direction = 'better' | 'worse' | 'same'
// reason: why there is no change figure (a value or a large enough sample is missing on either side)
export type Change = { previous: number | null; absolute: number | null; relative: number | null; direction: Direction | null; reason: string | null }

// Current vs the previous window of the same length; `direction` says whether the move is good news.
// `shortfall` (lib/metrics/minimum-sample.ts) withholds the figure when a sample is too small to compare.
export function compare(current: number | null, previous: number | null, higherIsBetter: boolean, shortfall: string | null = null): Change {
  if (current === null || previous === null) {
    return { previous, absolute: null, relative: null, direction: null, reason: shortfall ?? (previous === null ? 'no data in the previous period' : 'no data in this period') }
  }
  if (shortfall) return { previous, absolute: null, relative: null, direction: null, reason: shortfall }
  const absolute = current - previous
  const relative = previous === 0 ? null : absolute / Math.abs(previous)
  const direction: Direction = absolute === 0 ? 'same' : absolute > 0 === higherIsBetter ? 'better' : 'worse'
  return { previous, absolute, relative, direction, reason: null }
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

// The part of a window that has happened (up to now), in seconds: what a change in availability is read over.
export function elapsedSeconds(w: { from: Date; to: Date }, now: Date): number {
  return Math.max(0, Math.min(w.to.getTime(), now.getTime()) - w.from.getTime()) / 1000
}
