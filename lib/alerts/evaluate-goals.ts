import { goalNotice, type GoalCrossing } from '@/lib/alerts/goal-notice'
import { withTransaction } from '@/lib/db'
import { computeMetricsReport } from '@/lib/engine/get-metrics-report'
import { goalCrossing, goalStatus, type GoalMetric } from '@/lib/metrics/goal-status'
import { enqueueNotification } from '@/lib/notify/enqueue'
import { listGoals, recordGoalEvaluation, type GoalRow } from '@/lib/queries/goals/goals'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import { metricsQuery } from '@/lib/validation/metrics'

const DAY_MS = 86_400_000
export const GOAL_WINDOW_DAYS = 30

// Each goal against its team's or service's value over the last 30 days (the metrics API's answer for
// that scope), recording whether it is met; a goal crossed (met or at risk -> missed, or back) is sent to
// the team's channels once: only the evaluation whose update flips last_met sends it.
export async function evaluateGoals(now: Date, opts: { teamIds?: number[] } = {}): Promise<GoalCrossing[]> {
  const goals = await listGoals(opts.teamIds ?? 'all')
  const scopes = new Map<string, GoalRow[]>()
  for (const g of goals) scopes.set(`${g.teamId}:${g.serviceId ?? ''}`, [...(scopes.get(`${g.teamId}:${g.serviceId ?? ''}`) ?? []), g])
  const q = metricsQuery.parse({ from: new Date(now.getTime() - GOAL_WINDOW_DAYS * DAY_MS).toISOString(), to: now.toISOString() })
  const environments = await listScopeEnvironments(undefined)
  const crossings: GoalCrossing[] = []
  for (const list of scopes.values()) {
    const first = list[0]!
    const services = (await listTeamServices(first.teamId, first.service ? [first.service] : undefined)).filter((s) => !first.serviceId || s.id === first.serviceId)
    const report = await computeMetricsReport({ team: first.team, services, environments, wholeTeams: !first.serviceId }, q, now)
    const value = (m: GoalMetric) => (m === 'compliance' ? report.compliance.headline : report.metrics[m].headline.value)
    for (const g of list) {
      const v = value(g.metric)
      const status = goalStatus(g.metric, g.target, v)
      const crossing = goalCrossing(g.lastMet, status)
      await withTransaction(async (tx) => {
        const { changed } = await recordGoalEvaluation(g.id, status === 'no_data' ? null : status !== 'missed', now, tx)
        if (!changed || !crossing) return
        const c: GoalCrossing = { goalId: g.id, teamId: g.teamId, team: g.team, service: g.service, metric: g.metric, target: g.target, value: v!, crossing, at: now }
        await enqueueNotification(tx, goalNotice(c))
        crossings.push(c)
      })
    }
  }
  return crossings
}
