import { Suspense } from 'react'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { DashboardSkeleton } from '@/components/layout/dashboard-skeleton'
import { ScopeDashboard } from '@/components/metrics/scope-dashboard'
import { DeploymentsTable, IncidentsTable } from '@/components/metrics/activity-tables'
import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { listRecentDeployments, listRecentIncidents } from '@/lib/queries/list-recent-activity'
import type { ReadableTeams } from '@/lib/queries/readable-teams'

// A service's or a team's page: the dashboard for that scope, what the page adds (a team's services), then
// its recent deployments and incidents.
export async function ScopePage({ title, p, options, now, path, children }: { title: React.ReactNode; p: OverviewParams; options: FilterOptions; now: Date; path: string; children?: React.ReactNode }) {
  const scope = await resolveDashboardScope(p, options)
  return (
    <>
      <h1>{title}</h1>
      {/* outside the Suspense boundary: there when the browser reports its zone */}
      <ZoneGuessed tz={p.tz} fromUrl={p.tz !== p.defaults.tz} />
      <Suspense fallback={<DashboardSkeleton />}>
        <ScopeDashboard p={p} scope={scope} options={options} now={now} action={path} />
        {children}
        <RecentActivity serviceIds={scope.services.map((s) => s.id)} readable={options.readable} tz={p.tz} />
      </Suspense>
    </>
  )
}

async function RecentActivity({ serviceIds, readable, tz }: { serviceIds: number[]; readable: ReadableTeams; tz: string }) {
  const [deployments, incidents] = await Promise.all([listRecentDeployments({ serviceIds, readable, limit: 20 }), listRecentIncidents(serviceIds, 20)])
  return (
    <>
      <h2>Recent deployments</h2>
      <DeploymentsTable rows={deployments} tz={tz} />
      <h2>Incidents</h2>
      <IncidentsTable rows={incidents} tz={tz} />
    </>
  )
}
