export type Direction = 'better' | 'worse' | 'same'
export type Change = { previous: number | null; absolute: number | null; relative: number | null; direction: Direction | null }

// Current vs the previous window of the same length; `direction` says whether the move is good news.
export function compare(current: number | null, previous: number | null, higherIsBetter: boolean): Change {
  if (current === null || previous === null) return { previous, absolute: null, relative: null, direction: null }
  const absolute = current - previous
  const relative = previous === 0 ? null : absolute / Math.abs(previous)
  const direction: Direction = absolute === 0 ? 'same' : absolute > 0 === higherIsBetter ? 'better' : 'worse'
  return { previous, absolute, relative, direction }
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}
