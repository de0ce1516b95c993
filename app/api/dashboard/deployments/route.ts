import { readableTeamIds } from '@/lib/auth/access'
import { route } from '@/lib/http/route'
import { csvResponse } from '@/lib/http/csv-response'
import { allFeedDeployments, getDeploymentFeed } from '@/lib/dashboard/deployment-feed'
import { deploymentsCsvColumns, deploymentsCsvRow } from '@/lib/dashboard/deployments-csv'
import { deploymentFeedRouteQuery } from '@/lib/validation/deployment-feed'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/deployments – the /deployments feed (a page and its refreshes, as JSON), or with
// format=csv every deployment of the same filters, streamed page by page.
export const GET = route({ access: 'dashboard', query: deploymentFeedRouteQuery }, async ({ query, principal }) => {
  const { format, ...filters } = query
  const readable = readableTeamIds(principal)
  if (format === 'json') return Response.json(await getDeploymentFeed(filters, readable))
  // the first page is read here, so a bad filter is a 422 rather than a broken download
  const rows = allFeedDeployments(filters, readable)
  const first = await rows.next()
  async function* all() {
    if (first.done) return
    yield deploymentsCsvRow(first.value)
    for await (const d of rows) yield deploymentsCsvRow(d)
  }
  return csvResponse(`plimsoll-deployments-${new Date().toISOString().slice(0, 10)}.csv`, deploymentsCsvColumns, all())
})
