import { goalStatusText, type GoalView } from '@/lib/dashboard/goal-views'

// "goal ≤ 10.0%: at risk" under a value (docs/metrics.md "Goals"); no data is said as such, never met.
export function GoalBadge({ goal }: { goal: GoalView | undefined }) {
  if (!goal) return null
  return (
    <div className={`goal goal-${goal.status}`} data-testid={`goal-${goal.metric}`} data-status={goal.status}>
      goal {goal.label}: <strong>{goalStatusText[goal.status]}</strong>
    </div>
  )
}
