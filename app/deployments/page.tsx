import { DeploymentsTable } from '@/components/metrics/activity-tables'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listRecentDeployments } from '@/lib/queries/list-recent-activity'
import { listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'

export const dynamic = 'force-dynamic'

const statuses = ['success', 'failure', 'in_progress', 'cancelled']
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

// The organisation's latest deployments, newest first, filtered by service, environment and status.
export default async function DeploymentsPage({ searchParams }: Props) {
  const raw = await searchParams
  const options = await listFilterOptions()
  const service = options.services.find((s) => s.slug === one(raw.service))?.slug
  const environment = options.environments.find((e) => e.name === one(raw.environment))?.name
  const status = statuses.find((s) => s === one(raw.status))
  const serviceIds = service ? (await listTeamServices(null, [service])).map((s) => s.id) : null
  const rows = await listRecentDeployments({ serviceIds, environment, status, limit: 100 })
  return (
    <>
      <h1>Deployments</h1>
      <form className="filter-bar" method="get" action="/deployments" aria-label="Filters">
        <label>Service
          <select name="service" defaultValue={service ?? ''}>
            <option value="">All services</option>
            {options.services.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
          </select>
        </label>
        <label>Environment
          <select name="environment" defaultValue={environment ?? ''}>
            <option value="">All environments</option>
            {options.environments.map((e) => <option key={e.name} value={e.name}>{e.name}</option>)}
          </select>
        </label>
        <label>Status
          <select name="status" defaultValue={status ?? ''}>
            <option value="">Any status</option>
            {statuses.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      <p className="muted">The latest 100, in progress first. Reload for new ones.</p>
      <DeploymentsTable rows={rows} />
    </>
  )
}
