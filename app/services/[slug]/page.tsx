import { notFound } from 'next/navigation'
import { ScopeDashboard } from '@/components/metrics/scope-dashboard'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { DeploymentsTable, IncidentsTable } from '@/components/metrics/activity-tables'
import { parseOverviewParams } from '@/lib/dashboard/overview-params'
import { resolveDashboardScope } from '@/lib/dashboard/resolve-dashboard-scope'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listRecentDeployments, listRecentIncidents } from '@/lib/queries/list-recent-activity'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function ServicePage({ params, searchParams }: Props) {
  const { slug } = await params
  const now = new Date()
  const parsed = parseOverviewParams({ ...(await searchParams), service: slug, team: undefined }, now)
  if (!parsed.ok) return <InvalidFilters title={slug} errors={parsed.errors} reset={`/services/${slug}`} />
  const options = await listFilterOptions()
  const service = options.services.find((s) => s.slug === slug)
  if (!service) notFound()
  const scope = await resolveDashboardScope(parsed.params, options)
  const ids = scope.services.map((s) => s.id)
  const [deployments, incidents] = await Promise.all([listRecentDeployments({ serviceIds: ids, limit: 20 }), listRecentIncidents(ids, 20)])
  return (
    <>
      <h1>{service.name} <span className="muted">· team {service.team}</span></h1>
      <ScopeDashboard p={parsed.params} scope={scope} options={options} now={now} action={`/services/${slug}`} />
      <h2>Recent deployments</h2>
      <DeploymentsTable rows={deployments} />
      <h2>Incidents</h2>
      <IncidentsTable rows={incidents} />
    </>
  )
}
