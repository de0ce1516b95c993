'use client'

import { useQuery } from '@tanstack/react-query'
import { DeploymentsTable } from '@/components/metrics/activity-tables'
import { formatDateTime } from '@/lib/format/format-time'
import type { RecentDeployment } from '@/lib/queries/list-recent-activity'
import { deploymentFeedDto, type DeploymentFeedQuery } from '@/lib/validation/deployment-feed'

const REFRESH_MS = 5_000

type Feed = { deployments: RecentDeployment[]; asOf: Date; nextCursor: string | null }

const query = (filters: DeploymentFeedQuery, extra: Record<string, string> = {}) =>
  new URLSearchParams([...Object.entries(filters).filter(([, v]) => v) as [string, string][], ...Object.entries(extra)]).toString()

async function fetchFeed(filters: DeploymentFeedQuery, tz: string): Promise<Feed> {
  const res = await fetch(`/api/dashboard/deployments?${query(filters, { tz })}`, { cache: 'no-store' })
  if (!res.ok) throw new Error(`the server answered ${res.status}`)
  return deploymentFeedDto.parse(await res.json())
}

const clock = (d: Date, tz: string) => formatDateTime(d, tz, true).slice(11)

// The server renders a page of the feed; the first page (no cursor) then refreshes itself every few
// seconds, an older page stays as it was read. A failed refresh keeps the rows it has and says so, with a retry.
// tz: the page's zone (the URL's, else the browser's), of the times shown and of the days filtered on.
export function DeploymentsFeed({ filters, tz, initial }: { filters: DeploymentFeedQuery; tz: string; initial: Feed }) {
  const live = !filters.cursor
  const feed = useQuery({
    queryKey: ['deployment-feed', filters, tz],
    queryFn: () => fetchFeed(filters, tz),
    initialData: initial,
    refetchInterval: live ? REFRESH_MS : false,
  })
  const { cursor: _cursor, ...first } = filters
  return (
    <>
      <p className="muted" role="status" aria-live="polite">
        {live ? <>Live: the latest {feed.data.deployments.length}, in progress first, refreshed every {REFRESH_MS / 1000} s</>
          : <>An older page of {feed.data.deployments.length}, newest first</>}
        {' · '}as of <time dateTime={feed.data.asOf.toISOString()} data-testid="feed-as-of">{clock(feed.data.asOf, tz)} ({tz})</time>
        {' · '}<a href={`/api/dashboard/deployments?${query(first, { tz, format: 'csv' })}`} download data-testid="deployments-csv">
          Download CSV (every page)
        </a>
      </p>
      {feed.isError && (
        <p className="card error-state" role="alert">
          Could not refresh ({feed.error.message}); showing the rows from {clock(feed.data.asOf, tz)} ({tz}).{' '}
          <button type="button" onClick={() => feed.refetch()}>Retry now</button>
        </p>
      )}
      <DeploymentsTable rows={feed.data.deployments} tz={tz} empty="No deployments match these filters." />
      <nav className="pager" aria-label="Pages">
        {!live && <a href={`/deployments?${query(first)}`}>Newest</a>}
        {feed.data.nextCursor && <a href={`/deployments?${query(filters, { cursor: feed.data.nextCursor })}`} rel="next" data-testid="older">Older</a>}
      </nav>
    </>
  )
}
