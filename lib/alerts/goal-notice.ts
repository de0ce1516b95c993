import { goalLabel } from '@/lib/dashboard/goal-views'
import { plimsollUrl } from '@/lib/alerts/plimsoll-url'
import { formatValue } from '@/lib/format/format-metric'
import { metricTitles } from '@/lib/metrics/definitions'
import type { GoalMetric } from '@/lib/metrics/goal-status'
import type { NotificationInput } from '@/lib/validation/notifications'

export type GoalCrossing = {
  goalId: number; teamId: number; team: string; service: string | null; metric: GoalMetric; target: number; value: number
  crossing: 'met' | 'missed'; at: Date
}

const title = (m: GoalMetric) => (m === 'compliance' ? 'Compliance score' : metricTitles[m])
const shown = (m: GoalMetric, v: number) => (m === 'compliance' ? `${v.toFixed(1)} / 100`
  : formatValue(v, m === 'deploymentFrequency' ? 'per_day' : m === 'leadTime' || m === 'timeToRestore' ? 'seconds' : 'ratio', m))

// A goal crossed (docs/notifications.md, "Alerts"): met -> missed is a warning, back to met is news.
export function goalNotice(c: GoalCrossing): NotificationInput {
  const scope = c.service ? `${c.service} (${c.team})` : `Team ${c.team}`
  const path = c.service ? `/services/${encodeURIComponent(c.service)}?team=${encodeURIComponent(c.team)}` : `/teams/${encodeURIComponent(c.team)}`
  return {
    teamId: c.teamId,
    kind: 'goal',
    key: `goal:${c.goalId}:${c.crossing}:${c.at.toISOString()}`,
    title: `${scope}: ${title(c.metric)} goal ${c.crossing === 'missed' ? 'missed' : 'met again'}`,
    summary: `${title(c.metric)} over the last 30 days is ${shown(c.metric, c.value)}; the goal is ${goalLabel(c.metric, c.target)}.`,
    severity: c.crossing === 'missed' ? 'warning' : 'info',
    fields: [
      { label: 'Metric', value: title(c.metric) }, { label: 'Goal', value: goalLabel(c.metric, c.target) },
      { label: 'Last 30 days', value: shown(c.metric, c.value) },
    ],
    links: [{ label: 'Open in Plimsoll', url: plimsollUrl(path) }],
  }
}
