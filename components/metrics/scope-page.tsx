import { ScopeDashboard } from '@/components/metrics/scope-dashboard'
import { DeploymentsTable, IncidentsTable } from '@/components/metrics/activity-tables'
import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { listRecentDeployments, listRecentIncidents } from '@/lib/queries/list-recent-activity'

// A service's or a team's page: the dashboard for that scope, then its recent deployments and incidents.
export async function ScopePage({ title, p, options, now, path }: { title: React.ReactNode; p: OverviewParams; options: FilterOptions; now: Date; path: string }) {
  const scope = await resolveDashboardScope(p, options)
  const ids = scope.services.map((s) => s.id)
  const [deployments, incidents] = await Promise.all([listRecentDeployments({ serviceIds: ids, limit: 20 }), listRecentIncidents(ids, 20)])
  return (
    <>
      <h1>{title}</h1>
      <ScopeDashboard p={p} scope={scope} options={options} now={now} action={path} />
      <h2>Recent deployments</h2>
      <DeploymentsTable rows={deployments} />
      <h2>Incidents</h2>
      <IncidentsTable rows={incidents} />
    </>
  )
}
