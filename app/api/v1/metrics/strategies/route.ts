import { route } from '@/lib/http/route'
import { getStrategyComparison } from '@/lib/engine/get-strategy-comparison'
import { strategiesQuery } from '@/lib/validation/metrics'

export const dynamic = 'force-dynamic'

// GET /api/v1/metrics/strategies – the deployment strategies compared for a scope and window (issue 22)
export const GET = route({ access: 'read', query: strategiesQuery }, async ({ principal, query }) => Response.json(await getStrategyComparison(principal, query)))
