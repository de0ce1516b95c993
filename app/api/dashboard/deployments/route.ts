import { readableTeamIds } from '@/lib/auth/access'
import { route } from '@/lib/http/route'
import { getDeploymentFeed } from '@/lib/dashboard/deployment-feed'
import { deploymentFeedQuery } from '@/lib/validation/deployment-feed'

export const dynamic = 'force-dynamic'

// GET /api/dashboard/deployments – the /deployments feed's refreshes (the dashboard's data, as JSON)
export const GET = route({ access: 'dashboard', query: deploymentFeedQuery }, async ({ query, principal }) => {
  const { deployments, asOf } = await getDeploymentFeed(query, readableTeamIds(principal))
  return Response.json({ deployments, asOf })
})
