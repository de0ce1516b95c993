// Goals (docs/metrics.md "Goals"): a target per metric, in the unit of the metric's headline in
// GET /api/v1/metrics (per day, seconds, a ratio, or the compliance score out of 100).

export const GOAL_METRICS = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability', 'compliance'] as const
export type GoalMetric = (typeof GOAL_METRICS)[number]

// lower: the value must be at most the target; higher: at least. best: the metric's best possible value,
// from which "at risk" is measured (null: no bound, deployment frequency).
export const GOAL_RULES: Record<GoalMetric, { better: 'lower' | 'higher'; best: number | null }> = {
  deploymentFrequency: { better: 'higher', best: null },
  leadTime: { better: 'lower', best: 0 },
  changeFailureRate: { better: 'lower', best: 0 },
  timeToRestore: { better: 'lower', best: 0 },
  availability: { better: 'higher', best: 1 },
  compliance: { better: 'higher', best: 100 },
}

export type GoalStatus = 'met' | 'at_risk' | 'missed' | 'no_data'

// The share of the way from the target to the best value within which a met goal is "at risk".
export const AT_RISK_SHARE = 0.1

// met: on the right side of the target (equal counts as met); at risk: met, but within 10 % of the way from
// the target to the metric's best value (deployment frequency: less than 10 % above the target); missed:
// the wrong side; no data: no value, never met or missed.
export function goalStatus(metric: GoalMetric, target: number, value: number | null): GoalStatus {
  if (value === null || !Number.isFinite(value)) return 'no_data'
  const { better, best } = GOAL_RULES[metric]
  const met = better === 'lower' ? value <= target : value >= target
  if (!met) return 'missed'
  const margin = Math.abs(value - target)
  const room = best === null ? target * AT_RISK_SHARE : Math.abs(best - target) * AT_RISK_SHARE
  return margin < room ? 'at_risk' : 'met'
}

// A goal crossed: met (or at risk) -> missed, or back. A status with no data crosses nothing.
export function goalCrossing(previousMet: boolean | null, status: GoalStatus): 'missed' | 'met' | null {
  if (status === 'no_data' || previousMet === null) return null
  const met = status !== 'missed'
  if (met === previousMet) return null
  return met ? 'met' : 'missed'
}
