import { benchmarks, type BenchmarkId, type Level } from '@/lib/metrics/benchmarks'
import { sampledLevel, sampleShortfall, type SampledMetric } from '@/lib/metrics/minimum-sample'
import { compare, ratio, type Change } from '@/lib/metrics/compare'
import { definitions, type MetricName } from '@/lib/metrics/definitions'
import type { AvailabilityPoint, ServiceAvailability } from '@/lib/metrics/availability'
import type { Bucket } from '@/lib/time/buckets'
import type { DeploymentCounts } from '@/lib/queries/metrics/deployment-frequency'
import type { LeadTimeStats, PullRequestLeadTime } from '@/lib/queries/metrics/lead-time'
import type { ChangeFailureCounts } from '@/lib/queries/metrics/change-failure'
import type { OpenIncident, RestoreStats } from '@/lib/queries/metrics/time-to-restore'

// Everything the queries return for one window.
export type WindowFigures = {
  days: number
  deployments: DeploymentCounts[]
  leadTime: LeadTimeStats[]
  pullRequests: PullRequestLeadTime
  failures: ChangeFailureCounts[]
  restore: RestoreStats[]
  open: { total: number; incidents: OpenIncident[] }
  availability: { value: number | null; services: ServiceAvailability[]; withoutData: string[] }
  // per bucket (none for a totals-only window)
  availabilitySeries: AvailabilityPoint[]
}

type Unit = 'per_day' | 'seconds' | 'ratio'

export type MetricResult = {
  definition: string
  headline: { value: number | null; unit: Unit }
  level: Level | null
  // why there is no level: the sample is below the metric's minimum, or the metric has no DORA level
  levelReason: string | null
  change: Change
  sampleSize: number
  summary: Record<string, unknown>
  previous: Record<string, unknown>
  series: Record<string, unknown>[]
  warnings: string[]
}

type SeriesPoint = { bucket: string; start: Date; end: Date }

const total = <T extends { bucket: string | null }>(rows: T[]): T | undefined => rows.find((r) => r.bucket === null)
function series<T extends { bucket: string | null }>(buckets: Bucket[], rows: T[], pick: (row: T | undefined) => Record<string, unknown>) {
  const byKey = new Map(rows.filter((r) => r.bucket !== null).map((r) => [r.bucket!, r]))
  return buckets.map((b): SeriesPoint & Record<string, unknown> => ({ bucket: b.key, start: b.start, end: b.end, ...pick(byKey.get(b.key)) }))
}

type Parts = {
  value: number | null; previousValue: number | null; sampleSize: number; summary: Record<string, unknown>; previous: Record<string, unknown>
  series: Record<string, unknown>[]; warnings?: string[]
}

// n / previousN: the sizes the minimum sample is checked on (finished deployments for frequency, which
// counts only successful ones in its value).
function metric(name: MetricName, unit: Unit, higherIsBetter: boolean, levelled: { level: Level | null; levelReason: string | null }, parts: Parts & { n: number; previousN: number }): MetricResult {
  const sampled = name as SampledMetric
  const short = name === 'availability' ? null
    : (sampleShortfall(sampled, parts.n) ?? (sampleShortfall(sampled, parts.previousN) ? `previous period ${sampleShortfall(sampled, parts.previousN)}` : null))
  return {
    definition: definitions[name],
    headline: { value: parts.value, unit },
    level: levelled.level,
    levelReason: levelled.levelReason,
    change: compare(parts.value, parts.previousValue, higherIsBetter, short),
    sampleSize: parts.sampleSize,
    summary: parts.summary,
    previous: parts.previous,
    series: parts.series,
    warnings: parts.warnings ?? [],
  }
}

const NO_LEVEL = { level: null, levelReason: 'DORA gives no level for this metric' }

const deploymentSummary = (f: WindowFigures) => {
  const t = total(f.deployments)
  const count = t?.success ?? 0
  const perDay = f.days > 0 ? count / f.days : null
  return { count, failed: t?.failure ?? 0, perDay, perWeek: perDay === null ? null : perDay * 7, deploymentDays: t?.deploymentDays ?? 0 }
}
const finished = (d: ReturnType<typeof deploymentSummary>) => d.count + d.failed
const leadSummary = (f: WindowFigures) => {
  const t = total(f.leadTime)
  return { median: t?.median ?? null, p75: t?.p75 ?? null, p90: t?.p90 ?? null, mean: t?.mean ?? null, count: t?.count ?? 0, pullRequests: f.pullRequests }
}
const failureSummary = (f: WindowFigures) => {
  const t = total(f.failures)
  const deployments = t?.deployments ?? 0
  return {
    rate: ratio(t?.failures ?? 0, deployments), failures: t?.failures ?? 0, deployments,
    reasons: { failed: t?.failed ?? 0, rolledBack: t?.rolledBack ?? 0, incident: t?.withIncident ?? 0 },
    unplanned: t?.unplanned ?? 0,
  }
}
const restoreSummary = (f: WindowFigures) => {
  const t = total(f.restore)
  return { mean: t?.mean ?? null, median: t?.median ?? null, p90: t?.p90 ?? null, count: t?.count ?? 0, open: f.open }
}
const recoverySummary = (f: WindowFigures) => {
  const t = total(f.failures)
  return { median: t?.recoveryMedian ?? null, mean: t?.recoveryMean ?? null, count: t?.recovered ?? 0, unrecovered: t?.unrecovered ?? 0 }
}

export function buildMetricsReport(current: WindowFigures, previous: WindowFigures, buckets: Bucket[], benchmarkId: BenchmarkId) {
  const bench = benchmarks[benchmarkId]
  const df = [deploymentSummary(current), deploymentSummary(previous)] as const
  const lt = [leadSummary(current), leadSummary(previous)] as const
  const cf = [failureSummary(current), failureSummary(previous)] as const
  const tr = [restoreSummary(current), restoreSummary(previous)] as const
  const fr = [recoverySummary(current), recoverySummary(previous)] as const
  const ltTotal = total(current.leadTime)
  const rework = (s: ReturnType<typeof failureSummary>) => ({ rate: ratio(s.unplanned, s.deployments), unplanned: s.unplanned, deployments: s.deployments })
  const rw = [rework(cf[0]), rework(cf[1])] as const
  const { open: _open, ...trPrevious } = tr[1]

  return {
    benchmark: { id: bench.id, title: bench.title, source: bench.source, note: bench.note ?? null },
    metrics: {
      deploymentFrequency: metric('deploymentFrequency', 'per_day', true, sampledLevel(bench, 'deploymentFrequency', df[0].perDay, finished(df[0])), {
        value: df[0].perDay, previousValue: df[1].perDay, n: finished(df[0]), previousN: finished(df[1]),
        sampleSize: df[0].count, summary: df[0], previous: df[1],
        series: series(buckets, current.deployments, (r) => ({ success: r?.success ?? 0, failure: r?.failure ?? 0 })),
        warnings: df[0].count + df[0].failed === 0 ? ['No finished deployments to the scoped environments in this window.'] : [],
      }),
      leadTime: metric('leadTime', 'seconds', false, sampledLevel(bench, 'leadTime', lt[0].median, lt[0].count), {
        value: lt[0].median, previousValue: lt[1].median, n: lt[0].count, previousN: lt[1].count,
        sampleSize: lt[0].count, summary: lt[0], previous: lt[1],
        series: series(buckets, current.leadTime, (r) => ({ median: r?.median ?? null, p90: r?.p90 ?? null, count: r?.count ?? 0 })),
        warnings: [
          ...(ltTotal?.negative ? [`${ltTotal.negative} change(s) were deployed before their commit time (clock or rebase artefacts) and are excluded.`] : []),
          ...(ltTotal?.untimed ? [`${ltTotal.untimed} change(s) have no commit or author time and are excluded.`] : []),
        ],
      }),
      changeFailureRate: metric('changeFailureRate', 'ratio', false, sampledLevel(bench, 'changeFailureRate', cf[0].rate, cf[0].deployments), {
        value: cf[0].rate, previousValue: cf[1].rate, n: cf[0].deployments, previousN: cf[1].deployments,
        sampleSize: cf[0].deployments, summary: cf[0], previous: cf[1],
        series: series(buckets, current.failures, (r) => ({ rate: r ? ratio(r.failures, r.deployments) : null, failures: r?.failures ?? 0, deployments: r?.deployments ?? 0 })),
      }),
      timeToRestore: metric('timeToRestore', 'seconds', false, sampledLevel(bench, 'timeToRestore', tr[0].median, tr[0].count), {
        value: tr[0].median, previousValue: tr[1].median, n: tr[0].count, previousN: tr[1].count,
        sampleSize: tr[0].count, summary: tr[0], previous: trPrevious,
        series: series(buckets, current.restore, (r) => ({ median: r?.median ?? null, mean: r?.mean ?? null, count: r?.count ?? 0 })),
      }),
      failedDeploymentRecoveryTime: metric('failedDeploymentRecoveryTime', 'seconds', false, sampledLevel(bench, 'failedDeploymentRecoveryTime', fr[0].median, fr[0].count), {
        value: fr[0].median, previousValue: fr[1].median, n: fr[0].count, previousN: fr[1].count,
        sampleSize: fr[0].count, summary: fr[0], previous: fr[1],
        series: series(buckets, current.failures, (r) => ({ median: r?.recoveryMedian ?? null, mean: r?.recoveryMean ?? null, count: r?.recovered ?? 0 })),
        warnings: fr[0].unrecovered ? [`${fr[0].unrecovered} change failure(s) have not recovered yet (no resolution, no later successful deployment).`] : [],
      }),
      reworkRate: metric('reworkRate', 'ratio', false, NO_LEVEL, {
        value: rw[0].rate, previousValue: rw[1].rate, n: rw[0].deployments, previousN: rw[1].deployments, sampleSize: rw[0].deployments, summary: rw[0], previous: rw[1],
        series: series(buckets, current.failures, (r) => ({ rate: r ? ratio(r.unplanned, r.deployments) : null, unplanned: r?.unplanned ?? 0, deployments: r?.deployments ?? 0 })),
      }),
      availability: metric('availability', 'ratio', true, NO_LEVEL, {
        value: current.availability.value, previousValue: previous.availability.value, n: 0, previousN: 0,
        sampleSize: current.availability.services.length - current.availability.withoutData.length, summary: current.availability, previous: { value: previous.availability.value },
        series: series(buckets, current.availabilitySeries, (r) => ({ value: r?.value ?? null, downtimeSeconds: r?.downtimeSeconds ?? 0, services: r?.services ?? 0 })),
      }),
    },
  }
}

export type MetricsReport = ReturnType<typeof buildMetricsReport>
