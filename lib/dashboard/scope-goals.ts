import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { goalsOf } from '@/lib/dashboard/goal-views'
import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import { listGoals, type GoalRow } from '@/lib/queries/goals/goals'
import type { FilterOptions } from '@/lib/queries/list-filter-options'

// The goals a dashboard scope has: one service's, or one team's own; the organisation, or several
// services, have none.
export async function scopeGoals(p: OverviewParams, scope: ResolvedScope, options: FilterOptions): Promise<GoalRow[]> {
  const one = scope.services.length === 1 ? scope.services[0]! : null
  if (p.service && one) return goalsOf(await listGoals(options.readable, one.teamId), one.team, one.slug)
  if (p.team && !p.service) return goalsOf(await listGoals(options.readable), p.team, null)
  return []
}
