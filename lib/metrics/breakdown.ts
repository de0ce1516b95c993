import type { Benchmark, Level } from '@/lib/metrics/benchmarks'
import { ratio } from '@/lib/metrics/compare'
import type { MetricName } from '@/lib/metrics/definitions'
import { mean } from '@/lib/metrics/percentile'
import { sampledLevel, type SampledLevel } from '@/lib/metrics/minimum-sample'
import type { ServiceMetricsRow } from '@/lib/queries/metrics/per-service-summary'

// One row of a metric page's breakdown (by team or by service): the metric's value for that part of
// the scope, the n it rests on, and its level under the same minimum-sample rule as the metrics API.
export type BreakdownFigure = { value: number | null; n: number; level: Level | null; levelReason: string | null }

type Counts = Omit<ServiceMetricsRow, 'serviceId' | 'weekly'>

const NO_LEVEL = { level: null, levelReason: 'DORA gives no level for this metric' }

// days: the window's length (frequency is per day of the window, as the API's perDay).
export function breakdownFigure(metric: Exclude<MetricName, 'availability'>, bench: Benchmark, r: Counts, days: number): BreakdownFigure {
  const withLevel = (value: number | null, n: number, level: SampledLevel) => ({ value, n, ...level })
  switch (metric) {
    case 'deploymentFrequency': {
      const perDay = days > 0 ? r.deployments / days : null
      return withLevel(perDay, r.finished, sampledLevel(bench, metric, perDay, r.finished))
    }
    case 'leadTime':
      return withLevel(r.leadTimeMedian, r.changes, sampledLevel(bench, metric, r.leadTimeMedian, r.changes))
    case 'changeFailureRate': {
      const rate = ratio(r.failures, r.finished)
      return withLevel(rate, r.finished, sampledLevel(bench, metric, rate, r.finished))
    }
    case 'timeToRestore':
      return withLevel(r.restoreMedian, r.incidents, sampledLevel(bench, metric, r.restoreMedian, r.incidents))
    case 'failedDeploymentRecoveryTime':
      return withLevel(r.recoveryMedian, r.recovered, sampledLevel(bench, metric, r.recoveryMedian, r.recovered))
    case 'reworkRate':
      return withLevel(ratio(r.unplanned, r.finished), r.finished, NO_LEVEL)
  }
}

// A group's availability: the mean over its services with data (n), as the scope's figure; no data when none has any.
export function availabilityFigure(values: (number | null)[]): BreakdownFigure {
  const observed = values.filter((v): v is number => v !== null)
  return { value: mean(observed), n: observed.length, ...NO_LEVEL }
}

const higherIsBetter: Record<MetricName, boolean> = {
  deploymentFrequency: true, availability: true,
  leadTime: false, changeFailureRate: false, timeToRestore: false, failedDeploymentRecoveryTime: false, reworkRate: false,
}

// Worst first (where the problem is), rows without a value last, ties by name.
export function worstFirst<T extends BreakdownFigure & { name: string }>(metric: MetricName, rows: T[]): T[] {
  const sign = higherIsBetter[metric] ? 1 : -1
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.name.localeCompare(b.name) : a.value === null ? 1 : -1
    return sign * (a.value - b.value) || a.name.localeCompare(b.name)
  })
}
