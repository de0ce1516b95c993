import type { Metadata } from 'next'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import '@/components/metrics/metric-page.css'
import { DashboardSkeleton } from '@/components/layout/dashboard-skeleton'
import { FilterBar } from '@/components/metrics/filter-bar'
import { MetricCard } from '@/components/metrics/metric-card'
import { MetricBreakdownTables } from '@/components/metrics/metric-breakdown'
import { MetricCharts, type MetricPoint } from '@/components/metrics/metric-charts'
import { MetricFacts, OpenIncidents } from '@/components/metrics/metric-facts'
import { MetricRecords } from '@/components/metrics/metric-records'
import { LeadTimeStages } from '@/components/metrics/lead-time-stages'
import { getLeadTimeStages } from '@/lib/engine/get-lead-time-stages'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { computeMetricsReport } from '@/lib/engine/get-metrics-report'
import { getMetricRecordsPage } from '@/lib/engine/get-metric-records-page'
import { getMetricBreakdown } from '@/lib/dashboard/metric-breakdown'
import { filterQuery, overviewHref, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { scopeGoals } from '@/lib/dashboard/scope-goals'
import { selectBucket, type SelectedBucket } from '@/lib/dashboard/selected-bucket'
import { elapsedSeconds } from '@/lib/metrics/compare'
import { levelLines, partialOf } from '@/lib/dashboard/trend-data'
import { loadAnnotations } from '@/lib/dashboard/load-trend-data'
import { formatCount } from '@/lib/format/format-metric'
import { formatDateTime } from '@/lib/format/format-time'
import { metricNames, metricTitles, type MetricName } from '@/lib/metrics/definitions'
import type { OpenIncident } from '@/lib/queries/metrics/time-to-restore'
import type { ServiceAvailability } from '@/lib/metrics/availability'
import { listFilterOptions, type FilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { browserTimeZone } from '@/lib/time/browser-time-zone'

export const dynamic = 'force-dynamic'

const PAGE_SIZE = 50

type Props = { params: Promise<{ metric: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

// What the n of a breakdown row counts, per metric (the minimum sample's unit, lib/metrics/minimum-sample.ts).
const sampleLabels: Record<MetricName, string> = {
  deploymentFrequency: 'Finished deployments', leadTime: 'Changes', changeFailureRate: 'Finished deployments', reworkRate: 'Finished deployments',
  timeToRestore: 'Restored incidents', failedDeploymentRecoveryTime: 'Recovered failures', availability: 'Services with data',
}

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const { metric } = await params
  return { title: metricTitles[metric as MetricName] ?? 'Page not found' }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

export default async function MetricPage({ params, searchParams }: Props) {
  const { metric } = await params
  if (!(metricNames as string[]).includes(metric)) notFound()
  const name = metric as MetricName
  const raw = await searchParams
  // a hand-edited ?page= beyond any real page shows an empty page, not an OFFSET PostgreSQL refuses
  const pageNumber = Math.min(1_000_000, Math.max(0, Math.floor(Number(raw.page ?? 0)) || 0))
  const now = new Date()
  const parsed = parseOverviewParams({ ...raw, page: undefined, bucket: undefined }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title={metricTitles[name]} errors={parsed.errors} reset={`/metrics/${name}`} />
  const p = parsed.params
  const selected = selectBucket(one(raw.bucket), p.window, p.granularity, p.tz)
  if (!selected.ok) return <InvalidFilters title={metricTitles[name]} errors={selected.errors} reset={overviewHref(filterQuery(p), `/metrics/${name}`)} />
  const options = await listFilterOptions(await pageReadableTeams())
  return (
    <>
      <p><a href={overviewHref(filterQuery(p))}>← Overview</a></p>
      <h1>{metricTitles[name]}</h1>
      <ZoneGuessed tz={p.tz} fromUrl={p.tz !== p.defaults.tz} />
      <FilterBar params={p} options={options} action={`/metrics/${name}`} />
      <Suspense fallback={<DashboardSkeleton />}>
        <MetricDetail name={name} p={p} options={options} bucket={selected.bucket} pageNumber={pageNumber} now={now} />
      </Suspense>
    </>
  )
}

type DetailProps = { name: MetricName; p: OverviewParams; options: FilterOptions; bucket: SelectedBucket | null; pageNumber: number; now: Date }

async function MetricDetail({ name, p, options, bucket, pageNumber, now }: DetailProps) {
  const scope = await resolveDashboardScope(p, options)
  const query = { ...p, ...p.window, service: p.service ? [p.service] : undefined, benchmark: p.benchmark }
  // the records of the chosen bucket (clipped to the range), else of the whole range
  const recordsWindow = bucket ? { ...query, from: bucket.from, to: bucket.to } : query
  // availability's breakdown is read from the report's per-service figures; the others query alongside it
  const [report, records, grouped, stages, annotations, goals] = await Promise.all([
    computeMetricsReport(scope, query, now),
    getMetricRecordsPage(scope, name, recordsWindow, { limit: PAGE_SIZE, offset: pageNumber * PAGE_SIZE }),
    name === 'availability' ? null : getMetricBreakdown(name, scope, query, options, []),
    name === 'leadTime' ? getLeadTimeStages(scope, query) : null,
    loadAnnotations(scope, p),
    scopeGoals(p, scope, options),
  ])
  const m = report.metrics[name]
  const breakdown = grouped ?? await getMetricBreakdown(name, scope, query, options, report.metrics.availability.summary.services as ServiceAvailability[])
  const withoutData = report.metrics.availability.summary.withoutData as string[]
  const filters = { ...filterQuery(p), bucket: bucket?.key }
  // each bucket with its bounds and whether the range holds only part of it (drawn apart, as on the overview)
  const points = m.series.map(({ start, end, ...point }) => ({
    ...point, start: (start as Date).toISOString(), end: (end as Date).toISOString(), partial: partialOf(start as Date, end as Date, p.window, now),
  }) as MetricPoint)
  return (
    <>
      {scope.unknown.length > 0 && <p className="card error-state" role="alert">No {scope.unknown.join(', ')}: nothing to show.</p>}
      <div className="metric-head">
        <MetricCard name={name} metric={m} spanSeconds={elapsedSeconds(p.window, now)} />
        <MetricFacts name={name} metric={m} />
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
      {name === 'timeToRestore' && <OpenIncidents open={m.summary.open as { total: number; incidents: OpenIncident[] }} />}
      <MetricCharts metric={name} points={points} selected={bucket?.key ?? null} granularity={p.granularity} levels={levelLines(p.benchmark)}
        annotations={annotations} goal={goals.find((g) => g.metric === name)?.target} />
      {stages && <LeadTimeStages stages={stages} />}
      <h2>Breakdown</h2>
      <MetricBreakdownTables metric={name} unit={m.headline.unit} breakdown={breakdown} filters={filterQuery(p)} sampleLabel={sampleLabels[name]} />
      <RecordsHeading name={name} p={p} bucket={bucket} />
      <MetricRecords metric={name} rows={records.data} tz={p.tz} />
      <nav className="pager" aria-label="Record pages">
        {pageNumber > 0 && <a href={overviewHref({ ...filters, page: String(pageNumber - 1) }, `/metrics/${name}`)}>← Previous</a>}
        <span className="muted">Page {pageNumber + 1}</span>
        {records.hasMore && <a href={overviewHref({ ...filters, page: String(pageNumber + 1) }, `/metrics/${name}`)}>Next →</a>}
      </nav>
    </>
  )
}

// Which records are listed: the whole range, or one chart bucket (with the way back).
function RecordsHeading({ name, p, bucket }: { name: MetricName; p: OverviewParams; bucket: SelectedBucket | null }) {
  const at = (d: Date) => formatDateTime(d, p.tz)
  return (
    <>
      <h2 id="records">Records</h2>
      {bucket ? (
        <p className="records-scope" data-testid="records-bucket" data-from={bucket.from.toISOString()} data-to={bucket.to.toISOString()}>
          The {p.granularity} from {bucket.key}: {at(bucket.from)} to {at(bucket.to)} ({p.tz}).{' '}
          <a href={`${overviewHref(filterQuery(p), `/metrics/${name}`)}#records`}>All records of the range</a>
        </p>
      ) : <p className="records-scope muted">The whole range. Click a chart&apos;s bar or point to list that bucket&apos;s records.</p>}
    </>
  )
}
