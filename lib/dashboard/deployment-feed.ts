import { validationError } from '@/lib/http/app-error'
import { decodeTimeIdCursor, encodeCursor } from '@/lib/http/cursor'
import { listRecentDeployments, type RecentDeployment, type RecentDeploymentFilter } from '@/lib/queries/list-recent-activity'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { ReadableTeams } from '@/lib/queries/readable-teams'
import type { DeploymentFeedQuery } from '@/lib/validation/deployment-feed'

export const FEED_LIMIT = 50
const DAY_MS = 86_400_000

// The feed's query as the list's filter. A service or environment that does not exist is an error naming
// it, not an empty feed; another team's service, for a team-only reader, answers the same, so the feed does
// not tell it exists.
async function feedFilter(q: DeploymentFeedQuery, readable: ReadableTeams): Promise<Omit<RecentDeploymentFilter, 'limit'>> {
  const [services, environments] = await Promise.all([
    q.service ? listTeamServices(null, [q.service], readable) : null,
    q.environment ? listScopeEnvironments(q.environment) : null,
  ])
  if (services && services.length === 0) throw validationError([{ path: 'service', message: `no service "${q.service}"` }])
  if (environments && environments.length === 0) throw validationError([{ path: 'environment', message: `no environment "${q.environment}"` }])
  const after = q.cursor ? decodeTimeIdCursor(q.cursor, { nullableTime: true }) : undefined
  return {
    serviceIds: services ? services.map((s) => s.id) : null,
    readable,
    environment: q.environment || undefined,
    status: q.status || undefined,
    strategy: q.strategy || undefined,
    // UTC days, both included
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) : undefined,
    after: after ? { finishedAt: after.time, id: after.id } : undefined,
  }
}

const cursorOf = (d: RecentDeployment) => encodeCursor([d.finishedAt?.toISOString() ?? null, d.id])

// One page of the feed (the page and its refreshes), newest first; nextCursor when there may be more.
export async function getDeploymentFeed(q: DeploymentFeedQuery, readable: ReadableTeams) {
  const deployments = await listRecentDeployments({ ...(await feedFilter(q, readable)), limit: FEED_LIMIT })
  const last = deployments.length === FEED_LIMIT ? deployments[FEED_LIMIT - 1] : undefined
  return { deployments, asOf: new Date(), nextCursor: last ? cursorOf(last) : null }
}

// Every deployment of the feed's filters from its cursor on, page by page (the CSV download).
export async function* allFeedDeployments(q: DeploymentFeedQuery, readable: ReadableTeams, pageSize = 1000): AsyncGenerator<RecentDeployment> {
  const filter = await feedFilter(q, readable)
  for (;;) {
    const page = await listRecentDeployments({ ...filter, limit: pageSize })
    yield* page
    if (page.length < pageSize) return
    const last = page[page.length - 1]!
    filter.after = { finishedAt: last.finishedAt, id: last.id }
  }
}
