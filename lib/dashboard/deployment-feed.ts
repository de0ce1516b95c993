import { validationError } from '@/lib/http/app-error'
import { ambiguousService } from '@/lib/auth/resolve-service'
import { localMidnight } from '@/lib/time/local-midnight'
import { decodeTimeIdCursor, encodeCursor } from '@/lib/http/cursor'
import { listRecentDeployments, type RecentDeployment, type RecentDeploymentFilter } from '@/lib/queries/list-recent-activity'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import type { ReadableTeams } from '@/lib/queries/readable-teams'
import type { DeploymentFeedQuery } from '@/lib/validation/deployment-feed'

export const FEED_LIMIT = 50

// The feed's query as the list's filter. A team, service or environment that does not exist is an error
// naming it, not an empty feed; another team's, for a team-only reader, answers the same, so the feed does
// not tell it exists. A slug teams share is refused without a team, as everywhere else, rather than
// listing both teams' deployments as one service's.
async function feedFilter(q: DeploymentFeedQuery, readable: ReadableTeams): Promise<Omit<RecentDeploymentFilter, 'limit'>> {
  const [listed, environments] = await Promise.all([
    q.service || q.team ? listTeamServices(null, q.service ? [q.service] : undefined, readable) : null,
    q.environment ? listScopeEnvironments(q.environment) : null,
  ])
  const services = listed && listed.filter((s) => !q.team || s.team === q.team)
  if (q.team && !listed?.some((s) => s.team === q.team) && !q.service) throw validationError([{ path: 'team', message: `no team "${q.team}"` }])
  if (services && services.length === 0) {
    throw validationError([{ path: 'service', message: `no service "${q.service}"${q.team ? ` in team "${q.team}"` : ''}` }])
  }
  if (q.service && services && services.length > 1) throw ambiguousService(q.service, services.map((s) => s.team))
  if (environments && environments.length === 0) throw validationError([{ path: 'environment', message: `no environment "${q.environment}"` }])
  const after = q.cursor ? decodeTimeIdCursor(q.cursor, { nullableTime: true }) : undefined
  const tz = q.tz ?? 'UTC'
  return {
    serviceIds: services ? services.map((s) => s.id) : null,
    readable,
    environment: q.environment || undefined,
    status: q.status || undefined,
    strategy: q.strategy || undefined,
    // days in the zone, both included
    from: q.from ? localMidnight(q.from, tz) : undefined,
    to: q.to ? localMidnight(q.to, tz, 1) : undefined,
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
