import { route } from '@/lib/http/route'
import { getMetricRecords, parseMetricName } from '@/lib/engine/get-metric-records'
import { metricRecordsQuery } from '@/lib/validation/metrics'

export const dynamic = 'force-dynamic'

// GET /api/v1/metrics/<metric>/records – the records behind one metric, for drill-down
export const GET = route({ access: 'read', query: metricRecordsQuery }, async ({ principal, query, params }) =>
  Response.json(await getMetricRecords(principal, parseMetricName(String(params.metric)), query)),
)
