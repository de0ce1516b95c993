import { route } from '@/lib/http/route'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { metricsQuery } from '@/lib/validation/metrics'

export const dynamic = 'force-dynamic'

// GET /api/v1/metrics – every DORA metric, availability and rework for a scope and window, with definitions
export const GET = route({ access: 'read', query: metricsQuery }, async ({ principal, query }) => Response.json(await getMetricsReport(principal, query)))
