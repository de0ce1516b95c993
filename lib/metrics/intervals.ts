// Time intervals in epoch milliseconds; end null = still open (outage not over).
export type Interval = { start: number; end: number | null }

// Clips every interval to [from, to) (open ones run to `to`) and merges overlaps, so downtime from
// an outage incident and a probe failure at the same time is counted once.
export function unionWithin(intervals: readonly Interval[], from: number, to: number): { start: number; end: number }[] {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end ?? to, to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start)
  const merged: { start: number; end: number }[] = []
  for (const i of clipped) {
    const last = merged[merged.length - 1]
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end)
    else merged.push({ ...i })
  }
  return merged
}

export function totalDuration(intervals: readonly { start: number; end: number }[]): number {
  return intervals.reduce((sum, i) => sum + (i.end - i.start), 0)
}
