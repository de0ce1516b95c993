import type { Caller } from '@/lib/auth/resolve-caller'
import { AppError } from '@/lib/http/app-error'
import { decodeCursor, encodeCursor } from '@/lib/http/cursor'
import { definitions, metricNames, type MetricName } from '@/lib/metrics/definitions'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import { listMetricRecords } from '@/lib/queries/metrics/list-metric-records'
import type { MetricRecordsQuery } from '@/lib/validation/metrics'

export function parseMetricName(name: string): MetricName {
  if ((metricNames as string[]).includes(name)) return name as MetricName
  throw new AppError('NOT_FOUND', `No metric "${name}"; metrics are ${metricNames.join(', ')}.`)
}

// GET /api/v1/metrics/<metric>/records: the deployments, changes or incidents behind a number.
export async function getMetricRecords(caller: Caller, metric: MetricName, q: MetricRecordsQuery) {
  const scope = await resolveMetricScope(caller, q)
  const offset = q.cursor ? (decodeCursor(q.cursor, (k) => k.length === 1 && Number.isInteger(k[0]) && (k[0] as number) >= 0)[0] as number) : 0
  const rows = await listMetricRecords(
    metric,
    { serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id), from: q.from, to: q.to, tz: q.tz, granularity: q.granularity },
    { limit: q.limit, offset },
  )
  const more = rows.length > q.limit
  return { metric, definition: definitions[metric], data: rows.slice(0, q.limit), nextCursor: more ? encodeCursor([offset + q.limit]) : null }
}
