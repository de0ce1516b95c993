import { ComplianceCard, MetricCard } from '@/components/metrics/metric-card'
import { FilterBar } from '@/components/metrics/filter-bar'
import { TrendCharts } from '@/components/charts/trend-charts'
import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import { dashboardReport } from '@/lib/dashboard/dashboard-report'
import { filterQuery, overviewHref, type OverviewParams } from '@/lib/dashboard/overview-params'
import { loadTrendData } from '@/lib/dashboard/load-trend-data'
import { formatWindow } from '@/lib/format/format-time'
import { elapsedSeconds } from '@/lib/metrics/compare'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { goalViews } from '@/lib/dashboard/goal-views'
import { scopeGoals } from '@/lib/dashboard/scope-goals'
import { strategyLabel } from '@/lib/format/strategy'

const cardOrder = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability', 'reworkRate', 'failedDeploymentRecoveryTime'] as const

// Filter bar, one card per metric and the trend charts for a scope: the overview, a service, a team.
export async function ScopeDashboard({ p, scope, options, now, action = '/' }: { p: OverviewParams; scope: ResolvedScope & { unknown: string[] }; options: FilterOptions; now: Date; action?: string }) {
  const [report, goals] = await Promise.all([dashboardReport(p, scope, now), scopeGoals(p, scope, options)])
  const values = { ...Object.fromEntries(cardOrder.map((m) => [m, report.metrics[m].headline.value])), compliance: report.compliance.headline }
  const goalOf = (metric: string) => goalViews(goals, values).find((g) => g.metric === metric)
  const filters = filterQuery(p)
  const trends = await loadTrendData(report, scope, p, now)
  return (
    <>
      <FilterBar params={p} options={options} action={action} />
      {scope.unknown.length > 0 && <p className="card error-state" role="alert">No {scope.unknown.join(', ')}: nothing to show.</p>}
      {scope.services.length === 0 && scope.unknown.length === 0 && (
        <p className="card empty-state">No services yet. Post a deployment to <code>/api/v1/deployments</code> (see <a href="/docs/api">the API reference</a>) and it appears here.</p>
      )}
      <p className="muted scope-line" data-testid="scope">
        {report.scope.services.length} service{report.scope.services.length === 1 ? '' : 's'} · {report.scope.environments.join(', ') || 'no production environment'} ·{' '}
        {p.strategy && <>strategies: {p.strategy.map(strategyLabel).join(', ')} ·{' '}</>}
        {formatWindow(p.window, p.tz)} ({p.tz}) · levels: {report.benchmark.title}
      </p>
      <div className="cards metric-cards">
        {cardOrder.map((name) => <MetricCard key={name} name={name} metric={report.metrics[name]} href={overviewHref(filters, `/metrics/${name}`)} spanSeconds={elapsedSeconds(p.window, now)}
          goal={goalOf(name)} />)}
        <ComplianceCard metric={report.compliance} href={overviewHref(filters, '/metrics/compliance')} goal={goalOf('compliance')} />
      </div>
      <TrendCharts data={trends} goals={Object.fromEntries(goals.map((g) => [g.metric, g.target]))} />
    </>
  )
}
