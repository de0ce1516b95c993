import { FoldedOnPhone } from '@/components/layout/folded-on-phone'
import type { Metadata } from 'next'
import { DeploymentsFeed } from '@/components/metrics/deployments-feed'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { getDeploymentFeed } from '@/lib/dashboard/deployment-feed'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { AppError } from '@/lib/http/app-error'
import { DEPLOYMENT_STATUSES, deploymentFeedQuery } from '@/lib/validation/deployment-feed'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import { zodFieldErrors } from '@/lib/validation/zod-fields'

export const metadata: Metadata = { title: 'Deployments' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

// The deployments of the teams the reader may read (the organisation's, unless team-only), newest first,
// filtered by service, environment, status, strategy and finish day, a page at a time (cursor paging); the
// first page refreshes itself (components/metrics/deployments-feed.tsx).
export default async function DeploymentsPage({ searchParams }: Props) {
  const raw = await searchParams
  const parsed = deploymentFeedQuery.safeParse({
    service: one(raw.service), environment: one(raw.environment), status: one(raw.status), strategy: one(raw.strategy),
    from: one(raw.from), to: one(raw.to), cursor: one(raw.cursor),
  })
  if (!parsed.success) return <InvalidFilters title="Deployments" errors={zodFieldErrors(parsed.error)} reset="/deployments" />
  const filters = parsed.data
  const readable = await pageReadableTeams()
  const [feed, options] = await Promise.all([
    getDeploymentFeed(filters, readable).catch((err: unknown) => {
      if (err instanceof AppError && err.fields) return err.fields
      throw err
    }),
    listFilterOptions(readable),
  ])
  if (Array.isArray(feed)) return <InvalidFilters title="Deployments" errors={feed} reset="/deployments" />
  const { deployments, asOf, nextCursor } = feed
  return (
    <>
      <h1>Deployments</h1>
      <FoldedOnPhone summary="Filters">
        <form className="filter-bar" method="get" action="/deployments" aria-label="Filters">
          <label>Service
            <select name="service" defaultValue={filters.service ?? ''}>
              <option value="">All services</option>
              {options.services.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
            </select>
          </label>
          <label>Environment
            <select name="environment" defaultValue={filters.environment ?? ''}>
              <option value="">All environments</option>
              {options.environments.map((e) => <option key={e.name} value={e.name}>{e.name}</option>)}
            </select>
          </label>
          <label>Status
            <select name="status" defaultValue={filters.status ?? ''}>
              <option value="">Any status</option>
              {DEPLOYMENT_STATUSES.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
            </select>
          </label>
          <label>Strategy
            <select name="strategy" defaultValue={filters.strategy ?? ''}>
              <option value="">Any strategy</option>
              {deploymentStrategies.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
            </select>
          </label>
          <label>From (UTC) <input type="date" name="from" defaultValue={filters.from ?? ''} /></label>
          <label>To (UTC) <input type="date" name="to" defaultValue={filters.to ?? ''} /></label>
          <button type="submit">Apply</button>
        </form>
      </FoldedOnPhone>
      <DeploymentsFeed filters={filters} initial={{ deployments, asOf, nextCursor }} />
    </>
  )
}
