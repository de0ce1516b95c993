import { validationError } from '@/lib/http/app-error'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listRecentDeployments } from '@/lib/queries/list-recent-activity'
import type { DeploymentFeedQuery } from '@/lib/validation/deployment-feed'

export const FEED_LIMIT = 100

// The organisation's latest deployments for the feed (page and its refreshes), newest first.
// A service or environment that does not exist is an error naming it, not an empty feed.
export async function getDeploymentFeed(q: DeploymentFeedQuery) {
  const options = await listFilterOptions()
  const service = q.service ? options.services.find((s) => s.slug === q.service) : undefined
  if (q.service && !service) throw validationError([{ path: 'service', message: `no service "${q.service}"` }])
  if (q.environment && !options.environments.some((e) => e.name === q.environment)) {
    throw validationError([{ path: 'environment', message: `no environment "${q.environment}"` }])
  }
  const deployments = await listRecentDeployments({
    serviceIds: service ? [service.id] : null,
    environment: q.environment || undefined,
    status: q.status || undefined,
    limit: FEED_LIMIT,
  })
  return { deployments, asOf: new Date(), options }
}
