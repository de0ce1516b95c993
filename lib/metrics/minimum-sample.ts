import { levelOf, type Benchmark, type Level, type LevelledMetric } from '@/lib/metrics/benchmarks'

// The smallest sample a DORA level or a change figure is given for (docs/metrics.md, "Minimum
// samples"). Below it one event decides the whole figure: one deployment makes the change failure rate
// 0 % or 100 %, one incident is the "median" restore time. The number is still shown, with its n;
// the level and the change are not, and the API says why.
export const minimumSamples = {
  deploymentFrequency: { n: 5, of: 'finished deployments' },
  leadTime: { n: 5, of: 'changes' },
  changeFailureRate: { n: 5, of: 'finished deployments' },
  reworkRate: { n: 5, of: 'finished deployments' },
  timeToRestore: { n: 3, of: 'restored incidents' },
  failedDeploymentRecoveryTime: { n: 3, of: 'recovered change failures' },
} as const

export type SampledMetric = keyof typeof minimumSamples

// Why a sample of n is too small for a level or a change figure, or null when it is enough.
export function sampleShortfall(metric: SampledMetric, n: number): string | null {
  const min = minimumSamples[metric]
  return n >= min.n ? null : `not enough data: ${n} of the ${min.n} ${min.of} needed`
}

// Recovery time is levelled on the time-to-restore bands (DORA 2024 reads them as one).
const bandsOf: Record<Exclude<SampledMetric, 'reworkRate'>, LevelledMetric> = {
  deploymentFrequency: 'deploymentFrequency',
  leadTime: 'leadTime',
  changeFailureRate: 'changeFailureRate',
  timeToRestore: 'timeToRestore',
  failedDeploymentRecoveryTime: 'timeToRestore',
}

export type SampledLevel = { level: Level | null; levelReason: string | null }

// The level of a value measured on n events: null with the reason when n is below the minimum or
// there is no value.
export function sampledLevel(bench: Benchmark, metric: keyof typeof bandsOf, value: number | null, n: number): SampledLevel {
  const short = sampleShortfall(metric, n)
  if (short) return { level: null, levelReason: short }
  const level = levelOf(bench, bandsOf[metric], value)
  return { level, levelReason: level === null ? 'no data' : null }
}

// One service's counts and medians over a window (a row of the services table, of a report, of the CSV).
type ServiceSample = {
  finished: number; changes: number; incidents: number; recovered: number
  leadTimeMedian: number | null; restoreMedian: number | null; recoveryMedian: number | null
}
export type ServiceLevels = Record<Exclude<SampledMetric, 'reworkRate'>, Level | null>

// The levels of one service's row, each null below its minimum sample: the same rule as the metrics API.
export function serviceLevels(bench: Benchmark, r: ServiceSample, perDay: number | null, cfr: number | null): ServiceLevels {
  return {
    deploymentFrequency: sampledLevel(bench, 'deploymentFrequency', perDay, r.finished).level,
    leadTime: sampledLevel(bench, 'leadTime', r.leadTimeMedian, r.changes).level,
    changeFailureRate: sampledLevel(bench, 'changeFailureRate', cfr, r.finished).level,
    timeToRestore: sampledLevel(bench, 'timeToRestore', r.restoreMedian, r.incidents).level,
    failedDeploymentRecoveryTime: sampledLevel(bench, 'failedDeploymentRecoveryTime', r.recoveryMedian, r.recovered).level,
  }
}
