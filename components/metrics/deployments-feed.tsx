'use client'

import { useQuery } from '@tanstack/react-query'
import { DeploymentsTable } from '@/components/metrics/activity-tables'
import type { RecentDeployment } from '@/lib/queries/list-recent-activity'
import { deploymentFeedDto, type DeploymentFeedQuery } from '@/lib/validation/deployment-feed'

const REFRESH_MS = 5_000

type Feed = { deployments: RecentDeployment[]; asOf: Date }

async function fetchFeed(filters: DeploymentFeedQuery): Promise<Feed> {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])
  const res = await fetch(`/api/dashboard/deployments?${params}`, { cache: 'no-store' })
  if (!res.ok) throw new Error(`the server answered ${res.status}`)
  return deploymentFeedDto.parse(await res.json())
}

const clock = (d: Date) => d.toISOString().slice(11, 19)

// The server renders the first page of the feed; from then on it refreshes itself every few seconds.
// A failed refresh keeps the rows it has and says so, with a retry.
export function DeploymentsFeed({ filters, initial }: { filters: DeploymentFeedQuery; initial: Feed }) {
  const feed = useQuery({
    queryKey: ['deployment-feed', filters],
    queryFn: () => fetchFeed(filters),
    initialData: initial,
    refetchInterval: REFRESH_MS,
  })
  return (
    <>
      <p className="muted" role="status" aria-live="polite">
        Live: the latest {feed.data.deployments.length}, in progress first, refreshed every {REFRESH_MS / 1000} s
        {' · '}as of <time dateTime={feed.data.asOf.toISOString()} data-testid="feed-as-of">{clock(feed.data.asOf)} UTC</time>
      </p>
      {feed.isError && (
        <p className="card error-state" role="alert">
          Could not refresh ({feed.error.message}); showing the rows from {clock(feed.data.asOf)} UTC.{' '}
          <button type="button" onClick={() => feed.refetch()}>Retry now</button>
        </p>
      )}
      <DeploymentsTable rows={feed.data.deployments} />
    </>
  )
}
