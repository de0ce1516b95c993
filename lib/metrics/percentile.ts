// PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks of the sorted values,
// so numbers computed here and in SQL agree exactly. null for no values.
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within [0, 1], got ${fraction}`)
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const position = fraction * (sorted.length - 1)
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const low = sorted[lower]!
  return low + (sorted[upper]! - low) * (position - lower)
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length
}
