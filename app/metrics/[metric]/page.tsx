import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { DashboardSkeleton } from '@/components/layout/dashboard-skeleton'
import { MetricCard } from '@/components/metrics/metric-card'
import { RecordsTable } from '@/components/metrics/records-table'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { TrendCharts } from '@/components/charts/trend-charts'
import { computeMetricsReport } from '@/lib/engine/get-metrics-report'
import { getMetricRecordsPage } from '@/lib/engine/get-metric-records-page'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { filterQuery, overviewHref, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { loadTrendData } from '@/lib/dashboard/load-trend-data'
import { elapsedSeconds } from '@/lib/metrics/compare'
import { formatCount } from '@/lib/format/format-metric'
import { metricNames, metricTitles, type MetricName } from '@/lib/metrics/definitions'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'

export const dynamic = 'force-dynamic'

const PAGE_SIZE = 50

type Props = { params: Promise<{ metric: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const { metric } = await params
  return { title: metricTitles[metric as MetricName] ?? 'Page not found' }
}

export default async function MetricPage({ params, searchParams }: Props) {
  const { metric } = await params
  if (!(metricNames as string[]).includes(metric)) notFound()
  const name = metric as MetricName
  const raw = await searchParams
  // a hand-edited ?page= beyond any real page shows an empty page, not an OFFSET PostgreSQL refuses
  const pageNumber = Math.min(1_000_000, Math.max(0, Math.floor(Number(raw.page ?? 0)) || 0))
  const now = new Date()
  const parsed = parseOverviewParams({ ...raw, page: undefined }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title={name} errors={parsed.errors} reset={`/metrics/${name}`} />
  const p = parsed.params
  const filters = filterQuery(p)
  return (
    <>
      <p><a href={overviewHref(filters)}>← Overview</a></p>
      <Suspense fallback={<DashboardSkeleton />}>
        <MetricDetail name={name} p={p} pageNumber={pageNumber} now={now} />
      </Suspense>
    </>
  )
}

async function MetricDetail({ name, p, pageNumber, now }: { name: MetricName; p: OverviewParams; pageNumber: number; now: Date }) {
  const scope = await resolveDashboardScope(p, await listFilterOptions(await pageReadableTeams()))
  const query = { ...p, ...p.window, service: p.service ? [p.service] : undefined, benchmark: p.benchmark }
  const [report, records] = await Promise.all([
    computeMetricsReport(scope, query, now),
    getMetricRecordsPage(scope, name, query, { limit: PAGE_SIZE, offset: pageNumber * PAGE_SIZE }),
  ])
  const m = report.metrics[name]
  const withoutData = report.metrics.availability.summary.withoutData as string[]
  const filters = filterQuery(p)
  return (
    <>
      <div className="metric-detail-head">
        <MetricCard name={name} metric={m} spanSeconds={elapsedSeconds(p.window, now)} />
        <section className="card">
          <h2>Definition</h2>
          <p>{m.definition}</p>
          <h2>Data coverage</h2>
          <ul data-testid="coverage">
            <li>Based on {formatCount(m.sampleSize)} record{m.sampleSize === 1 ? '' : 's'} in {report.scope.services.length} service(s), environments: {report.scope.environments.join(', ') || 'none'}.</li>
            {m.sampleSize === 0 && <li>Nothing in scope for this window: no number can be given.</li>}
            {m.level === null && m.levelReason && <li>No level: {m.levelReason} (docs/metrics.md, &quot;Minimum samples&quot;).</li>}
            {name === 'availability' && withoutData.length > 0 && <li>No availability data (no probe, no outage incident), left out: {withoutData.join(', ')}.</li>}
            {m.warnings.map((w) => <li key={w}>{w}</li>)}
          </ul>
        </section>
      </div>
      <TrendCharts data={await loadTrendData(report, scope, p, now)} />
      <h2>Records</h2>
      <RecordsTable rows={records.data} tz={p.tz} />
      <nav className="pager" aria-label="Record pages">
        {pageNumber > 0 && <a href={overviewHref({ ...filters, page: String(pageNumber - 1) }, `/metrics/${name}`)}>← Previous</a>}
        <span className="muted">Page {pageNumber + 1}</span>
        {records.hasMore && <a href={overviewHref({ ...filters, page: String(pageNumber + 1) }, `/metrics/${name}`)}>Next →</a>}
      </nav>
    </>
  )
}
