import type { Metadata } from 'next'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { Suspense } from 'react'
import { DashboardSkeleton } from '@/components/layout/dashboard-skeleton'
import { ScopeDashboard } from '@/components/metrics/scope-dashboard'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { SetupChecklist } from '@/components/setup/setup-checklist'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ServicesTable } from '@/components/metrics/services-table'
import { filterQuery, overviewHref, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { getServicesTable } from '@/lib/dashboard/services-table'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { listFilterOptions, type FilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'

// absolute: the layout's title template applies to the segments below it, not to its own page
export const metadata: Metadata = { title: { absolute: 'Overview · Plimsoll' } }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function OverviewPage({ searchParams }: Props) {
  const now = new Date()
  const parsed = parseOverviewParams(await searchParams, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title="Overview" errors={parsed.errors} />
  const p = parsed.params
  const options = await listFilterOptions(await pageReadableTeams())
  const scope = await resolveDashboardScope(p, options)
  return (
    <>
      <h1>Overview</h1>
      <ZoneGuessed tz={p.tz} fromUrl={p.tz !== p.defaults.tz} />
      <SetupChecklist />
      <Suspense fallback={<DashboardSkeleton />}>
        <ScopeDashboard p={p} scope={scope} options={options} now={now} />
      </Suspense>
      {/* a boundary of its own: the charts above do not wait for the table */}
      <h2>Services</h2>
      <Suspense fallback={<p className="card muted">Loading the services…</p>}>
        <ServiceSummaries p={p} options={options} now={now} />
      </Suspense>
    </>
  )
}

// The services of the scope over the selected range, with their metric values (the /services table).
async function ServiceSummaries({ p, options, now }: { p: OverviewParams; options: FilterOptions; now: Date }) {
  const rows = await getServicesTable(p, options, now)
  if (rows.length === 0) return null
  const filters = filterQuery({ ...p, service: undefined })
  const { range, from, to, tz } = filters
  const keep = { range, from, to, tz }
  return <ServicesTable rows={rows} query={keep} csvHref={overviewHref({ ...filters, tz: p.tz, format: 'csv' }, '/api/dashboard/services')} />
}
