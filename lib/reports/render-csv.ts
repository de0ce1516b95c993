import { Readable } from 'node:stream'
import { csvStringifier } from '@/lib/format/csv'
import { benchmarks, type BenchmarkId } from '@/lib/metrics/benchmarks'
import type { QuarterlyReport, ServicePeriodRow } from '@/lib/reports/build-quarterly-report'
import { serviceLevels } from '@/lib/metrics/minimum-sample'
import { ratio } from '@/lib/metrics/compare'

export const csvColumns = ['period', 'month', 'team', 'service', 'metric', 'unit', 'value', 'sample_size', 'level'] as const

type CsvRow = Record<(typeof csvColumns)[number], string | number | null>

// The per-service figures of one month as rows, one per metric, with the month's DORA level where the
// benchmark has one; counts sum over months and services to the report's (and the metrics API's) totals.
export function csvRowsOf(period: string, month: { month: string; from: Date; to: Date }, r: ServicePeriodRow, benchmark: BenchmarkId): CsvRow[] {
  const days = (month.to.getTime() - month.from.getTime()) / 86_400_000
  const bench = benchmarks[benchmark]
  const base = { period, month: month.month, team: r.team, service: r.service, level: null }
  const perDay = days > 0 ? r.deployments / days : null
  const cfr = ratio(r.failures, r.finished)
  // the same levels as the report's service table: none below the minimum sample
  const levels = serviceLevels(bench, r, perDay, cfr)
  return [
    { ...base, metric: 'deployments', unit: 'count', value: r.deployments, sample_size: r.deployments },
    { ...base, metric: 'deployment_frequency', unit: 'per_day', value: perDay, sample_size: r.deployments, level: levels.deploymentFrequency },
    { ...base, metric: 'lead_time_median', unit: 'seconds', value: r.leadTimeMedian, sample_size: r.changes, level: levels.leadTime },
    { ...base, metric: 'change_failures', unit: 'count', value: r.failures, sample_size: r.finished },
    { ...base, metric: 'change_failure_rate', unit: 'ratio', value: cfr, sample_size: r.finished, level: levels.changeFailureRate },
    { ...base, metric: 'time_to_restore_median', unit: 'seconds', value: r.restoreMedian, sample_size: r.incidents, level: levels.timeToRestore },
    { ...base, metric: 'failed_deployment_recovery_time_median', unit: 'seconds', value: r.recoveryMedian, sample_size: r.recovered, level: levels.failedDeploymentRecoveryTime },
    { ...base, metric: 'unrecovered_change_failures', unit: 'count', value: r.unrecovered, sample_size: r.failures },
    { ...base, metric: 'rework_deployments', unit: 'count', value: r.unplanned, sample_size: r.finished },
    { ...base, metric: 'rework_rate', unit: 'ratio', value: ratio(r.unplanned, r.finished), sample_size: r.finished },
    { ...base, metric: 'availability', unit: 'ratio', value: r.availability, sample_size: null },
  ]
}

function* allRows(report: QuarterlyReport): Generator<CsvRow> {
  for (const month of report.months) for (const r of month.services) yield* csvRowsOf(report.period.label, month, r, report.benchmark.id)
}

// One row per metric x month x service, streamed (an empty value is an unknown, not a zero).
export function renderCsv(report: QuarterlyReport): Readable {
  return Readable.from(allRows(report)).pipe(csvStringifier({ header: true, columns: [...csvColumns] }))
}
