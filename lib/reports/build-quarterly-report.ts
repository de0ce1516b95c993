import { benchmarks, type BenchmarkId, type Level } from '@/lib/metrics/benchmarks'
import { serviceLevels } from '@/lib/metrics/minimum-sample'
import { ratio } from '@/lib/metrics/compare'
import { definitions, metricNames, type MetricName } from '@/lib/metrics/definitions'
import type { MetricsReport, MetricResult } from '@/lib/metrics/build-report'
import type { ServiceMetricsRow } from '@/lib/queries/metrics/per-service-summary'
import type { ComplianceSummary } from '@/lib/reports/compliance-summary'
import type { WorstIncident } from '@/lib/queries/reports/list-worst-incidents'
import type { ReportPeriod } from '@/lib/reports/period'
import type { StrategyFigures } from '@/lib/metrics/strategy-comparison'

export type ReportScope = {
  kind: 'org' | 'team' | 'service'; team: string | null; service: string | null; services: string[]; environments: string[]
  // the deployment strategies counted (null or absent: every one)
  strategies?: readonly string[] | null
}

// One service's DORA figures for the quarter or one month (summarizeServices), with its names and its
// availability over the same period.
export type ServicePeriodRow = ServiceMetricsRow & { service: string; team: string; availability: number | null }

export type ReportInputs = {
  scope: ReportScope
  period: ReportPeriod
  tz: string
  benchmark: BenchmarkId
  generatedAt: Date
  // the metrics API's report for the quarter with monthly buckets, compared with the previous quarter
  monthly: { scope: unknown; previousWindow: unknown } & MetricsReport
  // the same window in weekly buckets (only its series are used)
  weekly: MetricsReport
  services: ServicePeriodRow[]
  months: { month: string; from: Date; to: Date; services: ServicePeriodRow[] }[]
  incidents: WorstIncident[]
  compliance: ComplianceSummary
  // the deployment strategies compared over the period (GET /api/v1/metrics/strategies' rows)
  strategies?: StrategyFigures[]
}

export const metricLabels: Record<MetricName, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore',
  failedDeploymentRecoveryTime: 'Failed deployment recovery time',
  reworkRate: 'Deployment rework rate',
  availability: 'Availability',
}

export type Headline = Pick<MetricResult, 'headline' | 'level' | 'levelReason' | 'change' | 'sampleSize' | 'warnings'> & { metric: MetricName; label: string }

export type ServiceTableRow = {
  service: string
  team: string
  deployments: number
  perDay: number | null
  leadTimeMedian: number | null
  changes: number
  changeFailureRate: number | null
  failures: number
  finished: number
  restoreMedian: number | null
  incidents: number
  recoveryMedian: number | null
  recovered: number
  unrecovered: number
  reworkRate: number | null
  unplanned: number
  availability: number | null
  levels: Record<'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore' | 'failedDeploymentRecoveryTime', Level | null>
}

export type SloRow = { service: string; target: number; availability: number | null; attained: boolean | null; downtimeSeconds: number; errorBudgetRemainingSeconds: number }

const DAY_S = 86_400

// The whole quarterly report from the engine's figures: pure, so every number in it is the API's.
export function buildQuarterlyReport(input: ReportInputs) {
  const bench = benchmarks[input.benchmark]
  const days = (input.period.to.getTime() - input.period.from.getTime()) / (DAY_S * 1000)
  const m = input.monthly.metrics
  const availability = m.availability.summary as { services: { service: string; availability: number | null; sloTarget: number; downtimeSeconds: number; errorBudgetRemainingSeconds: number }[] }

  const headlines: Headline[] = metricNames.map((metric) => ({
    metric,
    label: metricLabels[metric],
    headline: m[metric].headline,
    level: m[metric].level,
    levelReason: m[metric].levelReason,
    change: m[metric].change,
    sampleSize: m[metric].sampleSize,
    warnings: m[metric].warnings,
  }))

  const services: ServiceTableRow[] = input.services.map((r) => {
    const perDay = days > 0 ? r.deployments / days : null
    const cfr = ratio(r.failures, r.finished)
    return {
      service: r.service, team: r.team, deployments: r.deployments, perDay,
      leadTimeMedian: r.leadTimeMedian, changes: r.changes,
      changeFailureRate: cfr, failures: r.failures, finished: r.finished,
      restoreMedian: r.restoreMedian, incidents: r.incidents,
      recoveryMedian: r.recoveryMedian, recovered: r.recovered, unrecovered: r.unrecovered,
      reworkRate: ratio(r.unplanned, r.finished), unplanned: r.unplanned,
      availability: r.availability,
      // as the metrics API: recovery time is levelled on the time-to-restore bands, rework has no level
      // and, as there, no level below the metric's minimum sample (lib/metrics/minimum-sample.ts)
      levels: serviceLevels(bench, r, perDay, cfr),
    }
  })

  const slo: SloRow[] = availability.services.map((s) => ({
    service: s.service, target: s.sloTarget, availability: s.availability,
    attained: s.availability === null ? null : s.availability * 100 >= s.sloTarget,
    downtimeSeconds: s.downtimeSeconds, errorBudgetRemainingSeconds: s.errorBudgetRemainingSeconds,
  }))

  return {
    title: `Delivery and security report, ${input.period.label}`,
    scope: input.scope,
    period: { label: input.period.label, from: input.period.from, to: input.period.to, tz: input.tz, previous: input.period.previous },
    generatedAt: input.generatedAt,
    benchmark: input.monthly.benchmark,
    headlines,
    // the metrics API's shape: scope, previousWindow, benchmark, metrics (series in months)
    api: { scope: input.monthly.scope, previousWindow: input.monthly.previousWindow, benchmark: input.monthly.benchmark, metrics: input.monthly.metrics },
    weekly: Object.fromEntries(metricNames.map((name) => [name, input.weekly.metrics[name].series])) as Record<MetricName, Record<string, unknown>[]>,
    services,
    months: input.months,
    incidents: input.incidents,
    compliance: input.compliance,
    strategies: input.strategies ?? [],
    slo,
    coverage: describeCoverage(input, headlines),
    definitions: metricNames.map((name) => ({ metric: name, label: metricLabels[name], text: definitions[name] })),
  }
}

export type QuarterlyReport = ReturnType<typeof buildQuarterlyReport>

// What the data could not tell, in plain words: empty metrics, silent services, missing scans and probes.
export function describeCoverage(input: Pick<ReportInputs, 'scope' | 'services' | 'compliance'> & { monthly: Pick<MetricsReport, 'metrics'> }, headlines: Headline[]) {
  const notes: string[] = []
  if (input.scope.services.length === 0) notes.push('The scope has no services: every figure is empty.')
  for (const h of headlines) {
    if (h.metric !== 'availability' && h.sampleSize === 0) notes.push(`${h.label}: no records in this period, so no value and no level.`)
    for (const w of h.warnings) notes.push(`${h.label}: ${w}`)
  }
  const silent = input.services.filter((s) => s.deployments === 0 && s.finished === 0).map((s) => s.service)
  if (silent.length) notes.push(`No deployments to production recorded for ${silent.length} service(s): ${silent.join(', ')}.`)
  const unscanned = input.compliance.services.filter((s) => s.s === null).map((s) => s.service)
  if (unscanned.length) notes.push(`No security scan for ${unscanned.length} service(s): ${unscanned.join(', ')}.`)
  const avail = input.monthly.metrics.availability.summary as { services: { service: string; availability: number | null }[]; withoutData: string[] }
  if (avail.withoutData.length) notes.push(`No availability data (no probe, no outage incident) for ${avail.withoutData.length} service(s), left out of the availability figure: ${avail.withoutData.join(', ')}.`)
  for (const h of headlines) if (h.level === null && h.levelReason?.startsWith('not enough data')) notes.push(`${h.label}: ${h.levelReason}, so no level.`)
  return { notes, servicesWithoutDeployments: silent, servicesWithoutScans: unscanned, servicesWithoutAvailability: avail.withoutData }
}
