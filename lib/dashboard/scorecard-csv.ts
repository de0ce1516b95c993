import { SCORECARD_METRICS, type ScorecardRow } from '@/lib/dashboard/scorecard'

export const scorecardCsvColumns = ['row', 'name', 'metric', 'unit', 'value', 'level', 'level_reason', 'sample_size', 'previous', 'change'] as const

// The grid as long rows (one per row and metric), the numbers as the metrics API gives them (per day,
// seconds, ratios); compliance last, its sample the services scanned of the row's services.
export function* scorecardCsvRows(rows: ScorecardRow[]) {
  for (const r of rows) {
    for (const m of SCORECARD_METRICS) {
      const x = r.metrics[m]
      yield {
        row: r.key, name: r.name, metric: m, unit: x.headline.unit, value: x.headline.value, level: x.level, level_reason: x.levelReason,
        sample_size: x.sampleSize, previous: x.change.previous, change: x.change.absolute,
      }
    }
    yield {
      row: r.key, name: r.name, metric: 'compliance', unit: 'score', value: r.compliance.score, level: null,
      level_reason: `${r.compliance.scanned} of ${r.compliance.services} services scanned`, sample_size: r.compliance.scanned, previous: null, change: null,
    }
  }
}
