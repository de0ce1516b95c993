import type { DigestWeek } from '@/lib/alerts/digest-schedule'
import { plimsollUrl } from '@/lib/alerts/plimsoll-url'
import { SCORECARD_METRICS, type ScorecardRow } from '@/lib/dashboard/scorecard'
import { describeChange } from '@/lib/format/format-change'
import { formatDuration, formatPercent, formatValue } from '@/lib/format/format-metric'
import type { Level } from '@/lib/metrics/benchmarks'
import type { ServiceAvailability } from '@/lib/metrics/availability'
import { metricTitles } from '@/lib/metrics/definitions'
import type { NotificationInput } from '@/lib/validation/notifications'

const LEVEL_RANK: Record<Level, number> = { low: 0, medium: 1, high: 2, elite: 3 }

// The worst service (the grid's first row, worst first) and its weakest levelled metric; none when no
// service has a level (too few events is not "worst").
export function worstService(rows: ScorecardRow[]): string {
  const levelled = rows.map((r) => ({ r, worst: SCORECARD_METRICS.filter((m) => r.metrics[m].level !== null)
    .sort((a, b) => LEVEL_RANK[r.metrics[a].level!] - LEVEL_RANK[r.metrics[b].level!])[0] })).filter((x) => x.worst !== undefined)
  const first = levelled[0]
  if (!first) return 'no service has enough data for a level'
  const m = first.r.metrics[first.worst!]
  return `${first.r.name}: ${metricTitles[first.worst!]} ${formatValue(m.headline.value, m.headline.unit, first.worst)} (${m.level})`
}

// The service whose SLO has the least error budget left now (its own window), or no data.
export function leastBudget(services: ServiceAvailability[]): string {
  const withSlo = services.filter((s) => s.slo?.budget.remainingRatio != null)
  if (withSlo.length === 0) return 'no data (no service with an SLO is probed or reports outages)'
  const s = withSlo.sort((a, b) => a.slo!.budget.remainingRatio! - b.slo!.budget.remainingRatio!)[0]!
  const b = s.slo!.budget
  return `${s.service}: ${formatPercent(b.remainingRatio, 0)} of its ${s.slo!.target} % budget left (${formatDuration(b.remainingMinutes * 60)})`
}

// A team's weekly digest (docs/notifications.md): the week's metrics and their change against the week
// before, the worst service, incidents open at the week's end, the error budget left.
export function digestNotice(team: { id: number; slug: string; name: string }, week: DigestWeek, card: { total: ScorecardRow; rows: ScorecardRow[] }): NotificationInput {
  const t = card.total
  const metrics = SCORECARD_METRICS.map((m) => {
    const r = t.metrics[m]
    const value = r.headline.value === null ? 'no data' : formatValue(r.headline.value, r.headline.unit, m)
    return { label: metricTitles[m], value: r.headline.value === null ? value : `${value} (${describeChange(m, r.headline.unit, r.change, t.spanSeconds)})` }
  })
  const open = (t.metrics.timeToRestore.summary as { open?: { total: number } }).open?.total ?? 0
  const availability = t.metrics.availability.summary as { services?: ServiceAvailability[] }
  return {
    teamId: team.id,
    kind: 'digest',
    key: `digest:${team.id}:${week.weekStart}`,
    title: `Weekly digest: Team ${team.name}, ${week.from} to ${week.to}`,
    summary: `The week's figures against the week before, for every service of team ${team.name}.`,
    severity: 'info',
    fields: [
      ...metrics,
      { label: 'Compliance', value: t.compliance.score === null ? 'no data' : `${t.compliance.score.toFixed(1)} / 100` },
      { label: 'Worst service', value: worstService(card.rows) },
      { label: 'Open incidents', value: String(open) },
      { label: 'Error budget left', value: leastBudget(availability.services ?? []) },
    ],
    links: [{ label: 'Open in Plimsoll', url: plimsollUrl(`/teams/${encodeURIComponent(team.slug)}?range=custom&from=${week.from}&to=${week.to}`) }],
  }
}
