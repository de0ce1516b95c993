import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { QuarterlyReport, ServicePeriodRow } from '@/lib/reports/build-quarterly-report'
import { ratio } from '@/lib/metrics/compare'

export const csvColumns = ['period', 'month', 'team', 'service', 'metric', 'unit', 'value', 'sample_size'] as const

type CsvRow = Record<(typeof csvColumns)[number], string | number | null>

// The per-service figures of one month as rows, one per metric; counts sum over months and services
// to the report's (and the metrics API's) totals.
export function csvRowsOf(period: string, month: { month: string; from: Date; to: Date }, r: ServicePeriodRow): CsvRow[] {
  const days = (month.to.getTime() - month.from.getTime()) / 86_400_000
  const base = { period, month: month.month, team: r.team, service: r.service }
  return [
    { ...base, metric: 'deployments', unit: 'count', value: r.deployments, sample_size: r.deployments },
    { ...base, metric: 'deployment_frequency', unit: 'per_day', value: days > 0 ? r.deployments / days : null, sample_size: r.deployments },
    { ...base, metric: 'lead_time_median', unit: 'seconds', value: r.leadTimeMedian, sample_size: r.changes },
    { ...base, metric: 'change_failures', unit: 'count', value: r.failures, sample_size: r.finished },
    { ...base, metric: 'change_failure_rate', unit: 'ratio', value: ratio(r.failures, r.finished), sample_size: r.finished },
    { ...base, metric: 'time_to_restore_median', unit: 'seconds', value: r.restoreMedian, sample_size: r.incidents },
  ]
}

function* allRows(report: QuarterlyReport): Generator<CsvRow> {
  for (const month of report.months) for (const r of month.services) yield* csvRowsOf(report.period.label, month, r)
}

// One row per metric x month x service, streamed (an empty value is an unknown, not a zero).
export function renderCsv(report: QuarterlyReport): Readable {
  return Readable.from(allRows(report)).pipe(stringify({ header: true, columns: [...csvColumns], cast: { number: (n) => String(n) } }))
}
