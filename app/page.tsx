import type { Metadata } from 'next'
import { Suspense } from 'react'
import { DashboardSkeleton } from '@/components/layout/dashboard-skeleton'
import { ScopeDashboard } from '@/components/metrics/scope-dashboard'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { SetupChecklist } from '@/components/setup/setup-checklist'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { filterQuery, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { formatDateTime } from '@/lib/format/format-time'
import { listServiceSummaries } from '@/lib/queries/get-overview'
import { pageReadableTeams } from '@/lib/auth/page-user'
import type { ReadableTeams } from '@/lib/queries/readable-teams'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'

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
      <SetupChecklist />
      <Suspense fallback={<DashboardSkeleton />}>
        <ScopeDashboard p={p} scope={scope} options={options} now={now} />
        <h2>Services</h2>
        <ServiceSummaries p={p} now={now} readable={options.readable} />
      </Suspense>
    </>
  )
}

async function ServiceSummaries({ p, now, readable }: { p: OverviewParams; now: Date; readable: ReadableTeams }) {
  const services = await listServiceSummaries(now, readable)
  const shared = sharedSlugs(services)
  const view = filterQuery(p)
  return (
    <table>
      <thead>
        <tr><th>Service</th><th>Team</th><th>Deployments (30 d)</th><th>Failed</th><th>Last production deploy ({p.tz})</th><th>Open incidents</th></tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={`${s.teamSlug}/${s.slug}`}>
            <td><a href={serviceHref({ slug: s.slug, team: s.teamSlug }, shared, '/services', { range: view.range, tz: view.tz })}>{s.name}</a></td>
            <td>{s.team}</td>
            <td>{s.deployments30d}</td>
            <td>{s.failures30d}</td>
            <td>{formatDateTime(s.lastDeployedAt, p.tz)}</td>
            <td>{s.openIncidents}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
