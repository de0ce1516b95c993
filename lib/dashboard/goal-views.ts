import { formatValue } from '@/lib/format/format-metric'
import { GOAL_RULES, goalStatus, type GoalMetric, type GoalStatus } from '@/lib/metrics/goal-status'
import type { GoalRow } from '@/lib/queries/goals/goals'

export type GoalView = { metric: GoalMetric; target: number; status: GoalStatus; label: string }

const UNIT: Record<GoalMetric, 'per_day' | 'seconds' | 'ratio' | 'score'> = {
  deploymentFrequency: 'per_day', leadTime: 'seconds', changeFailureRate: 'ratio', timeToRestore: 'seconds', availability: 'ratio', compliance: 'score',
}

// "≤ 10.0%", "≥ 99.950%", "≤ 1 d", "≥ 80 / 100": the target as the metric's values are shown.
export function goalLabel(metric: GoalMetric, target: number): string {
  const sign = GOAL_RULES[metric].better === 'lower' ? '≤' : '≥'
  const unit = UNIT[metric]
  return `${sign} ${unit === 'score' ? `${target} / 100` : formatValue(target, unit, metric)}`
}

export const goalStatusText: Record<GoalStatus, string> = { met: 'met', at_risk: 'at risk', missed: 'missed', no_data: 'no data' }

// Each goal of a scope against the scope's values over the shown window (a missing value: no data).
export function goalViews(goals: Pick<GoalRow, 'metric' | 'target'>[], values: Partial<Record<GoalMetric, number | null>>): GoalView[] {
  return goals.map((g) => ({
    metric: g.metric, target: g.target, status: goalStatus(g.metric, g.target, values[g.metric] ?? null), label: goalLabel(g.metric, g.target),
  }))
}

// A team's own goals (no service), or one service's, out of a list of goals.
export function goalsOf(goals: GoalRow[], team: string, service: string | null): GoalRow[] {
  return goals.filter((g) => g.team === team && g.service === service)
}
