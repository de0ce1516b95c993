import type { Metadata } from 'next'
import { Suspense } from 'react'
import '@/components/metrics/metric-page.css'
import { DashboardSkeleton } from '@/components/layout/dashboard-skeleton'
import { FilterBar } from '@/components/metrics/filter-bar'
import { ComplianceCard } from '@/components/metrics/metric-card'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { ScoreTrendChart } from '@/components/compliance/compliance-charts'
import { ComplianceBreakdownTables } from '@/components/compliance/compliance-breakdown-tables'
import { COMPLIANCE_DEFINITION } from '@/lib/compliance/compliance-metric'
import { getComplianceFilterOptions, getComplianceMetricView, type FilterOptions } from '@/lib/dashboard/compliance-metric-view'
import { filterQuery, overviewHref, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { browserTimeZone } from '@/lib/time/browser-time-zone'

export const metadata: Metadata = { title: 'Compliance score' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

// The compliance score as a metric page (a static segment beside app/metrics/[metric]): the filter bar,
// the figure with its components, coverage and change, the series, the breakdown by team and service, and
// the scans behind each service's number. The same figures as `compliance` in GET /api/v1/metrics.
export default async function ComplianceMetricPage({ searchParams }: Props) {
  const now = new Date()
  const parsed = parseOverviewParams(await searchParams, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title="Compliance score" errors={parsed.errors} reset="/metrics/compliance" />
  const p = parsed.params
  const options = await getComplianceFilterOptions(await pageReadableTeams())
  return (
    <>
      <p><a href={overviewHref(filterQuery(p))}>← Overview</a></p>
      <h1>Compliance score</h1>
      <FilterBar params={p} options={options} action="/metrics/compliance" />
      <Suspense fallback={<DashboardSkeleton />}>
        <ComplianceDetail p={p} options={options} />
      </Suspense>
    </>
  )
}

async function ComplianceDetail({ p, options }: { p: OverviewParams; options: FilterOptions }) {
  const { unknown, metric, breakdown, shared, goal } = await getComplianceMetricView(p, options)
  const c = metric.coverage
  return (
    <>
      {unknown.length > 0 && <p className="card error-state" role="alert">No {unknown.join(', ')}: nothing to show.</p>}
      <div className="metric-head">
        <ComplianceCard metric={metric} />
        <section className="card">
          <h2>Definition</h2>
          <p>{COMPLIANCE_DEFINITION}</p>
          <h2>Data coverage</h2>
          <ul data-testid="coverage">
            <li>
              {c.scanned} of {c.services} service{c.services === 1 ? '' : 's'} scanned in this range
              {c.broken > 0 ? `, ${c.broken} with a broken latest scan (no S)` : ''}.
            </li>
            {c.scanned === 0 && <li>No service scanned in this range: no number can be given.</li>}
            {c.scanned > 0 && <li>Configuration scanned for {c.config}, vulnerabilities for {c.vulnerability}, posture for {c.posture}.</li>}
            {c.unscanned.length > 0 && (
              <li title={c.unscanned.join(', ')}>
                Not scanned, left out: {c.unscanned.slice(0, 10).join(', ')}{c.unscanned.length > 10 ? ` and ${c.unscanned.length - 10} more` : ''}.
              </li>
            )}
          </ul>
        </section>
      </div>
      <div className="charts">
        <ScoreTrendChart data={metric.series.map((b) => ({ day: b.key, org: b.s }))} teams={[]} gaps goal={goal}
          title="Compliance score S per bucket (median over the scanned services)" testId="chart-compliance" />
      </div>
      <h2>Breakdown</h2>
      <ComplianceBreakdownTables breakdown={breakdown} filters={filterQuery(p)} shared={shared} />
    </>
  )
}
