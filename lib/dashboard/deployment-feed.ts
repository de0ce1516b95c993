import { validationError } from '@/lib/http/app-error'
import { listRecentDeployments } from '@/lib/queries/list-recent-activity'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { ReadableTeams } from '@/lib/queries/readable-teams'
import type { DeploymentFeedQuery } from '@/lib/validation/deployment-feed'

export const FEED_LIMIT = 100

// The latest deployments of the teams the reader may read, for the feed (page and its refreshes), newest
// first. A service or environment that does not exist is an error naming it, not an empty feed; another
// team's service, for a team-only reader, answers the same, so the feed does not tell it exists.
export async function getDeploymentFeed(q: DeploymentFeedQuery, readable: ReadableTeams) {
  const [services, environments] = await Promise.all([
    q.service ? listTeamServices(null, [q.service], readable) : null,
    q.environment ? listScopeEnvironments(q.environment) : null,
  ])
  if (services && services.length === 0) throw validationError([{ path: 'service', message: `no service "${q.service}"` }])
  if (environments && environments.length === 0) throw validationError([{ path: 'environment', message: `no environment "${q.environment}"` }])
  const deployments = await listRecentDeployments({
    serviceIds: services ? services.map((s) => s.id) : null,
    readable,
    environment: q.environment || undefined,
    status: q.status || undefined,
    limit: FEED_LIMIT,
  })
  return { deployments, asOf: new Date() }
}
