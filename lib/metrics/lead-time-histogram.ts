// Exact percentiles from lead-time histograms (lead_time_rollup): the histogram says which bin holds
// each rank, and only that bin's values are read and sorted. The numbers equal percentile_cont's.

const DAY_MS = 86_400_000

export type KeyedRange = { key: string | null; from: Date; to: Date }
export type UtcDay = { key: string | null; day: string } // 'YYYY-MM-DD'

// Splits ranges into the whole UTC days they contain (read from the daily histograms) and the
// leftover pieces at their edges (read row by row): none when the edges are UTC midnights.
export function splitAtUtcDays(ranges: KeyedRange[]): { days: UtcDay[]; spans: KeyedRange[] } {
  const days: UtcDay[] = []
  const spans: KeyedRange[] = []
  for (const { key, from, to } of ranges) {
    if (to <= from) continue
    const firstMidnight = Math.ceil(from.getTime() / DAY_MS) * DAY_MS
    const lastMidnight = Math.floor(to.getTime() / DAY_MS) * DAY_MS
    if (firstMidnight >= lastMidnight) {
      spans.push({ key, from, to })
      continue
    }
    if (firstMidnight > from.getTime()) spans.push({ key, from, to: new Date(firstMidnight) })
    for (let t = firstMidnight; t < lastMidnight; t += DAY_MS) days.push({ key, day: new Date(t).toISOString().slice(0, 10) })
    if (lastMidnight < to.getTime()) spans.push({ key, from: new Date(lastMidnight), to })
  }
  return { days, spans }
}

// Where a 0-based rank of the sorted values lies: its bin and its offset among that bin's values.
export type RankPosition = { bin: number; offset: number }

// The positions percentile_cont reads for percentile p of n values: rows floor(p(n-1)) and
// ceil(p(n-1)), interpolated by the fraction between them.
export function percentilePositions(counts: ReadonlyMap<number, number>, p: number): { lo: RankPosition; hi: RankPosition; fraction: number } | null {
  const bins = [...counts.entries()].filter(([bin, c]) => bin >= 0 && c > 0).sort((a, b) => a[0] - b[0])
  const n = bins.reduce((s, [, c]) => s + c, 0)
  if (n === 0) return null
  const pos = p * (n - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return { lo: locateRank(bins, lo), hi: locateRank(bins, hi), fraction: pos - lo }
}

function locateRank(bins: [number, number][], rank: number): RankPosition {
  let before = 0
  for (const [bin, c] of bins) {
    if (rank < before + c) return { bin, offset: rank - before }
    before += c
  }
  throw new Error(`rank ${rank} is beyond the histogram's ${before} values`)
}

// percentile_cont's interpolation (PostgreSQL's float8_lerp), so the result is bit-for-bit the same.
export function interpolate(lo: number, hi: number, fraction: number): number {
  return lo + (hi - lo) * fraction
}
