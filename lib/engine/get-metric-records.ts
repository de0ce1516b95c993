import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors/app-error'
import { decodeCursor, encodeCursor, isInt4Id } from '@/lib/validation/cursor'
import { metricNames, type MetricName } from '@/lib/metrics/definitions'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import { getMetricRecordsPage } from '@/lib/engine/get-metric-records-page'
import type { MetricRecordsQuery } from '@/lib/validation/metrics'

export function parseMetricName(name: string): MetricName {
  if ((metricNames as string[]).includes(name)) return name as MetricName
  throw new AppError('NOT_FOUND', `No metric "${name}"; metrics are ${metricNames.join(', ')}.`)
}

// GET /api/v1/metrics/<metric>/records: the deployments, changes or incidents behind a number.
export async function getMetricRecords(principal: Principal, metric: MetricName, q: MetricRecordsQuery) {
  const scope = await resolveMetricScope(principal, q)
  const offset = q.cursor ? (decodeCursor(q.cursor, (k) => k.length === 1 && isInt4Id(k[0]))[0] as number) : 0
  const page = await getMetricRecordsPage(scope, metric, q, { limit: q.limit, offset })
  return { metric, definition: page.definition, data: page.data, nextCursor: page.hasMore ? encodeCursor([offset + q.limit]) : null }
}
