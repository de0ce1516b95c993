import { stageNote, type StageSummary } from '@/lib/metrics/lead-time-stages'

// Pull request size bands (issue 25): changed lines = additions + deletions. The thresholds are each
// band's first line count, passed as they are to SQL's width_bucket so both sides band alike.
export const SIZE_BANDS = ['< 50', '50-200', '200-800', '> 800'] as const
export type SizeBand = (typeof SIZE_BANDS)[number]
export const SIZE_BAND_STARTS = [50, 200, 801] as const

// The band of a pull request of `lines` changed lines (null: its size is not known, e.g. GitLab's).
export function sizeBandOf(lines: number | null): SizeBand | null {
  if (lines === null) return null
  return SIZE_BANDS[SIZE_BAND_STARTS.filter((start) => lines >= start).length]!
}

export type SizeBandRow = { band: number | null; n: number; percentiles: number[] | null }

// Lead time (first commit to first deployment) per band, every band listed (no data where empty), and
// how many pull requests had no size.
export function buildSizeBands(rows: SizeBandRow[]) {
  const summary = (r: SizeBandRow | undefined): StageSummary => ({
    median: r?.percentiles?.[0] ?? null, p75: r?.percentiles?.[1] ?? null, p90: r?.percentiles?.[2] ?? null, n: r?.n ?? 0, note: stageNote(r?.n ?? 0),
  })
  return {
    bands: SIZE_BANDS.map((band, i) => ({ band, ...summary(rows.find((r) => r.band === i)) })),
    unknownSize: rows.find((r) => r.band === null)?.n ?? 0,
  }
}
