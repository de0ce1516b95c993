import { dashboardReport } from '@/lib/dashboard/dashboard-report'
import { filterQuery, overviewHref, type OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import type { MetricResult } from '@/lib/metrics/build-report'
import { elapsedSeconds } from '@/lib/metrics/compare'
import { worstFirst } from '@/lib/metrics/worst-first'
import { goalsOf, goalViews, type GoalView } from '@/lib/dashboard/goal-views'
import { listGoals, type GoalRow } from '@/lib/queries/goals/goals'
import type { FilterOptions } from '@/lib/queries/list-filter-options'

// The grid's columns: the four DORA metrics (levelled) and availability; then the report's compliance (its score S).
export const SCORECARD_METRICS = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability'] as const
export type ScorecardMetric = (typeof SCORECARD_METRICS)[number]

export type ScorecardCompliance = { score: number | null; scanned: number; services: number; unscanned: string[] }

export type ScorecardRow = {
  key: string
  name: string
  href: string
  metrics: Record<ScorecardMetric, MetricResult>
  compliance: ScorecardCompliance
  // the window's observed span, over which an availability change reads as downtime
  spanSeconds: number
  // the row's goals (docs/metrics.md "Goals") against its values in the window
  goals: GoalView[]
}

type RowSpec = { key: string; name: string; href: string; params: OverviewParams; goals?: GoalRow[] }

// One row per team the reader may read (worst first) and the organisation's row above them, each the
// metrics report GET /api/v1/metrics?team=<slug> gives for the same window.
export async function teamScorecard(p: OverviewParams, options: FilterOptions, now: Date) {
  const base: OverviewParams = { ...p, team: undefined, service: undefined }
  const filters = filterQuery(base)
  const goals = await listGoals(options.readable)
  const specs = options.teams.map((t) => ({
    key: t.slug, name: t.name, href: overviewHref(filters, `/teams/${t.slug}`), params: { ...base, team: t.slug }, goals: goalsOf(goals, t.slug, null),
  }))
  const organisation = { key: 'organisation', name: 'Organisation', href: overviewHref(filters, '/'), params: base }
  return scorecard(organisation, specs, options, now)
}

// A team's services in the same grid (worst first), under the team's own row: GET /api/v1/metrics?service=<slug>.
export async function serviceScorecard(p: OverviewParams, team: { slug: string; name: string }, options: FilterOptions, now: Date) {
  const base: OverviewParams = { ...p, team: team.slug, service: undefined }
  const filters = filterQuery({ ...base, team: undefined })
  const goals = await listGoals(options.readable)
  const specs = options.services.filter((s) => s.team === team.slug).map((s) => ({
    key: s.slug, name: s.name, href: overviewHref({ ...filters, team: team.slug }, `/services/${s.slug}`), params: { ...base, service: s.slug },
    goals: goalsOf(goals, team.slug, s.slug),
  }))
  const head = { key: team.slug, name: `Team ${team.name}`, href: overviewHref(filters, `/teams/${team.slug}`), params: base, goals: goalsOf(goals, team.slug, null) }
  return scorecard(head, specs, options, now)
}

async function scorecard(head: RowSpec, specs: RowSpec[], options: FilterOptions, now: Date) {
  const [total, ...rows] = await Promise.all([head, ...specs].map((s) => scorecardRow(s, options, now)))
  const levelled = (r: ScorecardRow) => SCORECARD_METRICS.map((m) => r.metrics[m].level)
  return { total: total!, rows: worstFirst(rows.map((r) => ({ ...r, levels: levelled(r) }))) }
}

// Every cell is the metrics report's, compliance too (its `compliance` metric: the median S of the services
// scanned in the window, as of its end), so a row equals GET /api/v1/metrics for the same scope and range.
async function scorecardRow(spec: RowSpec, options: FilterOptions, now: Date): Promise<ScorecardRow> {
  const scope = await resolveDashboardScope(spec.params, options)
  const report = await dashboardReport(spec.params, scope, now)
  const coverage = report.compliance.coverage
  const values = { ...Object.fromEntries(SCORECARD_METRICS.map((m) => [m, report.metrics[m].headline.value])), compliance: report.compliance.headline }
  return {
    key: spec.key,
    name: spec.name,
    href: spec.href,
    metrics: Object.fromEntries(SCORECARD_METRICS.map((m) => [m, report.metrics[m]])) as ScorecardRow['metrics'],
    compliance: { score: report.compliance.headline, scanned: coverage.scanned, services: coverage.services, unscanned: coverage.unscanned },
    spanSeconds: elapsedSeconds(spec.params.window, now),
    goals: goalViews(spec.goals ?? [], values),
  }
}
