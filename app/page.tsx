import { ComplianceCard, MetricCard } from '@/components/metrics/metric-card'
import { FilterBar } from '@/components/metrics/filter-bar'
import { TrendCharts } from '@/components/charts/trend-charts'
import { computeMetricsReport } from '@/lib/engine/get-metrics-report'
import { filterQuery, overviewHref, parseOverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { toTrendData } from '@/lib/dashboard/trend-data'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listServiceSummaries } from '@/lib/queries/get-overview'

export const dynamic = 'force-dynamic'

const cardOrder = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability', 'reworkRate', 'failedDeploymentRecoveryTime'] as const

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const now = new Date()
  const parsed = parseOverviewParams(await searchParams, now)
  if (!parsed.ok) {
    return (
      <>
        <h1>Overview</h1>
        <div className="card error-state" role="alert">
          <p>These filters cannot be shown: {parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.</p>
          <a href={overviewHref({})}>Reset the filters</a>
        </div>
      </>
    )
  }
  const p = parsed.params
  const filters = filterQuery(p)
  const options = await listFilterOptions()
  const scope = await resolveDashboardScope(p, options)
  const [report, services] = await Promise.all([
    computeMetricsReport(scope, { ...p, ...p.window, service: p.service ? [p.service] : undefined, benchmark: 'dora-2023' }, now),
    listServiceSummaries(now),
  ])
  return (
    <>
      <h1>Overview</h1>
      <FilterBar params={p} options={options} />
      {scope.unknown.length > 0 && <p className="card error-state" role="alert">No {scope.unknown.join(', ')}: nothing to show.</p>}
      {scope.services.length === 0 && scope.unknown.length === 0 && (
        <p className="card empty-state">No services yet. Post a deployment to <code>/api/v1/deployments</code> (see <a href="/docs/api">the API reference</a>) and it appears here.</p>
      )}
      <p className="muted scope-line" data-testid="scope">
        {report.scope.services.length} service{report.scope.services.length === 1 ? '' : 's'} · {report.scope.environments.join(', ') || 'no production environment'} ·{' '}
        {p.window.from.toISOString().slice(0, 10)} to {new Date(p.window.to.getTime() - 1).toISOString().slice(0, 10)} ({p.tz}) · levels: {report.benchmark.title}
      </p>
      <div className="cards metric-cards">
        {cardOrder.map((name) => <MetricCard key={name} name={name} metric={report.metrics[name]} href={overviewHref(filters, `/metrics/${name}`)} />)}
        <ComplianceCard />
      </div>
      <TrendCharts data={toTrendData(report)} />
      <h2>Services</h2>
      <table>
        <thead>
          <tr><th>Service</th><th>Team</th><th>Deployments (30 d)</th><th>Failed</th><th>Last production deploy</th><th>Open incidents</th></tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.slug}>
              <td><a href={overviewHref({ service: s.slug, range: p.range, tz: p.tz })}>{s.name}</a></td>
              <td>{s.team}</td>
              <td>{s.deployments30d}</td>
              <td>{s.failures30d}</td>
              <td>{s.lastDeployedAt ? s.lastDeployedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—'}</td>
              <td>{s.openIncidents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
