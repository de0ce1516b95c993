import { FoldedOnPhone } from '@/components/layout/folded-on-phone'
import { AutoFilterForm } from '@/components/layout/auto-filter-form'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import type { Metadata } from 'next'
import { DeploymentsFeed } from '@/components/metrics/deployments-feed'
import { FilterErrors, InvalidFilters } from '@/components/metrics/invalid-filters'
import { getDeploymentFeed } from '@/lib/dashboard/deployment-feed'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { AppError } from '@/lib/http/app-error'
import { DEPLOYMENT_STATUSES, deploymentFeedQuery } from '@/lib/validation/deployment-feed'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import { zodFieldErrors } from '@/lib/validation/zod-fields'
import { pageTimeZone } from '@/lib/time/browser-time-zone'
import { serviceOptions } from '@/lib/dashboard/service-options'

export const metadata: Metadata = { title: 'Deployments' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

// The deployments of the teams the reader may read (the organisation's, unless team-only), newest first,
// filtered by team, service, environment, status, strategy and finish day (in the page's zone), a page at a
// time (cursor paging); the first page refreshes itself (components/metrics/deployments-feed.tsx).
export default async function DeploymentsPage({ searchParams }: Props) {
  const raw = await searchParams
  const tz = await pageTimeZone(raw)
  const parsed = deploymentFeedQuery.safeParse({
    team: one(raw.team), service: one(raw.service), environment: one(raw.environment), status: one(raw.status), strategy: one(raw.strategy),
    from: one(raw.from), to: one(raw.to), cursor: one(raw.cursor), tz: one(raw.tz),
  })
  if (!parsed.success) return <InvalidFilters title="Deployments" errors={zodFieldErrors(parsed.error)} reset="/deployments" />
  const filters = parsed.data
  const readable = await pageReadableTeams()
  const [feed, options] = await Promise.all([
    getDeploymentFeed({ ...filters, tz }, readable).catch((err: unknown) => {
      if (err instanceof AppError && err.fields) return err.fields
      throw err
    }),
    listFilterOptions(readable),
  ])
  return (
    <>
      <h1>Deployments</h1>
      <ZoneGuessed tz={tz} fromUrl={!!filters.tz} />
      <FoldedOnPhone summary="Filters">
        <AutoFilterForm action="/deployments" label="Filters">
          <label>Team
            <select name="team" defaultValue={filters.team ?? ''}>
              <option value="">All teams</option>
              {options.teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
            </select>
          </label>
          <label>Service
            <select name="service" defaultValue={filters.service ?? ''}>
              <option value="">All services</option>
              {serviceOptions(options.services).map((s) => <option key={s.slug} value={s.slug}>{s.label}</option>)}
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
          <label>From <input type="date" name="from" defaultValue={filters.from ?? ''} /></label>
          <label>To <input type="date" name="to" defaultValue={filters.to ?? ''} /></label>
          {/* a zone named in the URL stays through filter changes; the days above are in it */}
          {filters.tz && <input type="hidden" name="tz" value={filters.tz} />}
        </AutoFilterForm>
      </FoldedOnPhone>
      {/* a filter the feed cannot answer (a slug teams share, without the team) is said under the bar, to choose there */}
      {Array.isArray(feed) ? <FilterErrors errors={feed} reset="/deployments" /> : <DeploymentsFeed filters={filters} tz={tz} initial={feed} />}
    </>
  )
}
