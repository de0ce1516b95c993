import { definitions, type MetricName } from '@/lib/metrics/definitions'
import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import { listMetricRecords } from '@/lib/queries/metrics/list-metric-records'
import type { Granularity } from '@/lib/time/buckets'

// One page of the records behind a metric for an already resolved scope (API and dashboard).
export async function getMetricRecordsPage(
  scope: ResolvedScope,
  metric: MetricName,
  q: { from: Date; to: Date; tz: string; granularity: Granularity; strategy?: readonly string[] },
  page: { limit: number; offset: number },
) {
  const rows = await listMetricRecords(
    metric,
    { serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id), ...q, strategies: q.strategy },
    { limit: page.limit, offset: page.offset },
  )
  return { metric, definition: definitions[metric], data: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
}
