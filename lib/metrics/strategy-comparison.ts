import { ratio } from '@/lib/metrics/compare'
import { minimumSamples, sampleShortfall } from '@/lib/metrics/minimum-sample'
import { wilsonInterval } from '@/lib/metrics/wilson'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import type { StrategyDeploymentRow, StrategyLeadTimeRow, StrategyMixRow } from '@/lib/queries/metrics/strategy-comparison'
import type { StrategyDowntimeRow } from '@/lib/queries/metrics/deployment-downtime'

// One strategy's row of the comparison (issue 22). Below the dashboard's minimum sample of finished
// deployments (lib/metrics/minimum-sample.ts) the counts stand but no rate, interval or median is given:
// with four deployments one failure is 25 %, which says nothing about the strategy.
export type StrategyFigures = {
  strategy: string
  deployments: number
  notEnoughData: string | null
  changeFailureRate: { value: number | null; failures: number; interval: { low: number; high: number } | null }
  blastRadius: { median: number | null; known: number }
  recoveryTime: { median: number | null; recovered: number; unrecovered: number }
  startToReady: { median: number | null; p90: number | null; count: number }
  leadTime: { median: number | null; changes: number }
  reworkRate: { value: number | null; unplanned: number }
  // measured: deployments of probed services; none measured is no data (null), never zero downtime
  downtime: { measured: number; zeroDowntime: number; zeroDowntimeRate: number | null; totalSeconds: number | null }
}

export type StrategyComparisonInput = {
  deployments: StrategyDeploymentRow[]
  leadTimes: StrategyLeadTimeRow[]
  downtime: StrategyDowntimeRow[]
  mix: StrategyMixRow[]
  months: string[]
}

const EMPTY_ROW: Omit<StrategyDeploymentRow, 'strategy' | 'bucket'> = {
  deployments: 0, failures: 0, unplanned: 0, recovered: 0, recoveryMedian: null, unrecovered: 0,
  blastRadiusMedian: null, blastRadiusKnown: 0, readyMedian: null, readyP90: null, readyCount: 0,
}

export function buildStrategyComparison(input: StrategyComparisonInput) {
  const totals = new Map(input.deployments.filter((r) => r.bucket === null).map((r) => [r.strategy, r]))
  const leads = new Map(input.leadTimes.map((r) => [r.strategy, r]))
  const downtime = new Map(input.downtime.map((r) => [r.strategy, r]))
  const strategies = deploymentStrategies.map((strategy) => strategyFigures(strategy, totals.get(strategy), leads.get(strategy), downtime.get(strategy)))
  return {
    minimumSample: minimumSamples.changeFailureRate,
    strategies,
    trend: cfrTrend(input.deployments, input.months),
    mix: strategyMixByService(input.mix),
  }
}

function strategyFigures(strategy: string, found: StrategyDeploymentRow | undefined, lead: StrategyLeadTimeRow | undefined, down: StrategyDowntimeRow | undefined): StrategyFigures {
  const r = found ?? { strategy, bucket: null, ...EMPTY_ROW }
  const short = sampleShortfall('changeFailureRate', r.deployments)
  const enough = <T>(value: T) => (short ? null : value)
  const measured = down?.measured ?? 0
  return {
    strategy,
    deployments: r.deployments,
    notEnoughData: short,
    changeFailureRate: { value: enough(ratio(r.failures, r.deployments)), failures: r.failures, interval: enough(wilsonInterval(r.failures, r.deployments)) },
    blastRadius: { median: enough(r.blastRadiusMedian), known: r.blastRadiusKnown },
    recoveryTime: { median: enough(r.recoveryMedian), recovered: r.recovered, unrecovered: r.unrecovered },
    startToReady: { median: enough(r.readyMedian), p90: enough(r.readyP90), count: r.readyCount },
    leadTime: { median: enough(lead?.median ?? null), changes: lead?.changes ?? 0 },
    reworkRate: { value: enough(ratio(r.unplanned, r.deployments)), unplanned: r.unplanned },
    downtime: {
      measured,
      zeroDowntime: down?.zeroDowntime ?? 0,
      zeroDowntimeRate: measured > 0 ? enough(ratio(down!.zeroDowntime, measured)) : null,
      totalSeconds: measured > 0 ? down!.downtimeSeconds : null,
    },
  }
}

// CFR per strategy and month; a month with fewer deployments than the minimum sample has no rate.
function cfrTrend(rows: StrategyDeploymentRow[], months: string[]) {
  const byKey = new Map(rows.filter((r) => r.bucket !== null).map((r) => [`${r.bucket}/${r.strategy}`, r]))
  return months.map((month) => ({
    month,
    strategies: Object.fromEntries(deploymentStrategies.map((s) => {
      const r = byKey.get(`${month}/${s}`)
      const n = r?.deployments ?? 0
      return [s, { deployments: n, failures: r?.failures ?? 0, rate: sampleShortfall('changeFailureRate', n) ? null : ratio(r!.failures, n) }]
    })),
  }))
}

// Per service, its finished deployments by strategy and each strategy's share.
function strategyMixByService(rows: StrategyMixRow[]) {
  const services = new Map<string, Record<string, number>>()
  for (const r of rows) services.set(r.service, { ...services.get(r.service), [r.strategy]: r.deployments })
  return [...services].map(([service, counts]) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    return { service, deployments: total, strategies: Object.fromEntries(Object.entries(counts).map(([s, n]) => [s, { deployments: n, share: n / total }])) }
  })
}
