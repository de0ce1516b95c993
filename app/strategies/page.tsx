import type { Metadata } from 'next'
import { formatWindow } from '@/lib/format/format-time'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { FilterBar } from '@/components/metrics/filter-bar'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { StrategyTable } from '@/components/metrics/strategy-table'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { parseOverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { computeStrategyComparison } from '@/lib/engine/get-strategy-comparison'
import { formatCount, formatPercent } from '@/lib/format/format-metric'
import { strategyLabel } from '@/lib/format/strategy'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'

export const metadata: Metadata = { title: 'Deployment strategies' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

// Which way of shipping fails less, hurts less and recovers faster, for the services in scope (issue 22).
export default async function StrategiesPage({ searchParams }: Props) {
  const now = new Date()
  const raw = await searchParams
  const parsed = parseOverviewParams({ ...raw, strategy: undefined }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title="Deployment strategies" errors={parsed.errors} reset="/strategies" />
  const p = parsed.params
  const options = await listFilterOptions(await pageReadableTeams())
  const scope = await resolveDashboardScope(p, options)
  const r = await computeStrategyComparison(scope, { ...p.window, tz: p.tz })
  const used = deploymentStrategies.filter((s) => r.strategies.some((x) => x.strategy === s && x.deployments > 0))
  return (
    <>
      <h1>Deployment strategies</h1>
      <ZoneGuessed tz={p.tz} fromUrl={p.tz !== p.defaults.tz} />
      <FilterBar params={p} options={options} action="/strategies" withStrategy={false} />
      {scope.unknown.length > 0 && <p className="card error-state" role="alert">No {scope.unknown.join(', ')}: nothing to show.</p>}
      <p className="muted" data-testid="strategies-scope">
        {r.scope.services.length} service{r.scope.services.length === 1 ? '' : 's'} · {r.scope.environments.join(', ') || 'no production environment'} ·{' '}
        {formatWindow(p.window, p.tz)} ({p.tz}) ·
        rates below {r.minimumSample.n} {r.minimumSample.of} read &quot;not enough data&quot; · downtime from probes, start to finish + grace ·{' '}
        <a href="/docs/api">GET /api/v1/metrics/strategies</a>
      </p>
      <StrategyTable strategies={r.strategies} />

      <h2>Change failure rate by month</h2>
      {used.length === 0 ? <p className="card empty-state">No deployments in this range.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="strategy-trend">
            <thead><tr><th scope="col">Month</th>{used.map((s) => <th key={s} scope="col">{strategyLabel(s)}</th>)}</tr></thead>
            <tbody>
              {r.trend.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month.slice(0, 7)}</th>
                  {used.map((s) => {
                    const c = m.strategies[s]!
                    return <td key={s}>{c.rate === null ? <span className="muted">{c.deployments ? `not enough data (${c.deployments})` : '—'}</span> : `${formatPercent(c.rate)} of ${formatCount(c.deployments)}`}</td>
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Strategy mix per service</h2>
      {r.mix.length === 0 ? <p className="card empty-state">No deployments in this range.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="strategy-mix">
            <thead><tr><th scope="col">Service</th><th scope="col">Deployments</th>{used.map((s) => <th key={s} scope="col">{strategyLabel(s)}</th>)}</tr></thead>
            <tbody>
              {r.mix.map((m) => (
                <tr key={m.service}>
                  <th scope="row"><a href={`/services/${m.service}`}>{m.service}</a></th>
                  <td>{formatCount(m.deployments)}</td>
                  {used.map((s) => <td key={s}>{m.strategies[s] ? `${formatCount(m.strategies[s].deployments)} (${formatPercent(m.strategies[s].share, 0)})` : '—'}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
