// Exact percentiles from lead-time histograms (lead_time_rollup): the histogram says which bin holds
// each rank, and only that bin's values are read and sorted. The numbers equal percentile_cont's.

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS
// 1970-01-05, the first Monday after the epoch: UTC weeks start on Mondays (date_trunc('week'))
const FIRST_MONDAY_MS = 4 * DAY_MS

export type KeyedRange = { key: string | null; from: Date; to: Date }
export type UtcDay = { key: string | null; day: string } // 'YYYY-MM-DD': the day, or the Monday of the week

// Splits ranges into the whole UTC days (or UTC weeks from Monday) they contain, read from the
// histograms of days (weeks), and the leftover pieces at their edges, read row by row: none when the
// edges are UTC midnights (Monday midnights).
export function splitAtUtcDays(ranges: KeyedRange[], period: 'day' | 'week' = 'day'): { days: UtcDay[]; spans: KeyedRange[] } {
  const [length, origin] = period === 'day' ? [DAY_MS, 0] : [WEEK_MS, FIRST_MONDAY_MS]
  const days: UtcDay[] = []
  const spans: KeyedRange[] = []
  for (const { key, from, to } of ranges) {
    if (to <= from) continue
    const firstStart = Math.ceil((from.getTime() - origin) / length) * length + origin
    const lastStart = Math.floor((to.getTime() - origin) / length) * length + origin
    if (firstStart >= lastStart) {
      spans.push({ key, from, to })
      continue
    }
    if (firstStart > from.getTime()) spans.push({ key, from, to: new Date(firstStart) })
    for (let t = firstStart; t < lastStart; t += length) days.push({ key, day: new Date(t).toISOString().slice(0, 10) })
    if (lastStart < to.getTime()) spans.push({ key, from: new Date(lastStart), to })
  }
  return { days, spans }
}

// The share of the ranges' time that whole UTC weeks cover (what weekly histograms can answer).
export function utcWeekShare(ranges: KeyedRange[]): number {
  const total = ranges.reduce((s, r) => s + Math.max(0, r.to.getTime() - r.from.getTime()), 0)
  return total === 0 ? 0 : (splitAtUtcDays(ranges, 'week').days.length * WEEK_MS) / total
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
