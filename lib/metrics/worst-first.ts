import type { Level } from '@/lib/metrics/benchmarks'

// How far a level is from elite: the lower a row's mean, the better it does.
const rank: Record<Level, number> = { elite: 0, high: 1, medium: 2, low: 3 }

type Ranked = { name: string; levels: (Level | null)[] }

// A row's standing on the /teams grid: the mean distance from elite over the metrics that have a level.
// null when none has one (no data, or every sample below its minimum): such a row cannot be judged, so it
// is neither worst nor best.
export function problemScore(levels: (Level | null)[]): number | null {
  const known = levels.filter((l): l is Level => l !== null)
  return known.length ? known.reduce((sum, l) => sum + rank[l], 0) / known.length : null
}

// Worst first ("where is the problem"): highest problem score first, rows without any level last, then by name.
export function worstFirst<T extends Ranked>(rows: T[]): T[] {
  const scored = rows.map((row) => ({ row, score: problemScore(row.levels) }))
  scored.sort((a, b) => {
    if (a.score !== b.score) {
      if (a.score === null) return 1
      if (b.score === null) return -1
      return b.score - a.score
    }
    return a.row.name.localeCompare(b.row.name)
  })
  return scored.map((s) => s.row)
}
