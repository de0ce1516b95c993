import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { bucketOf, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import type { Annotation } from '@/lib/dashboard/trend-data'

// The events a trend chart marks, per bucket: failed deployments and rollbacks to the scoped
// environments (by when they finished) and incidents of the scoped services (by when they opened).
export async function listChartAnnotations(w: MetricWindow, client: Queryable = pool()): Promise<Annotation[]> {
  return queryRows<Annotation>(client, sql`
    SELECT bucket, sum(failed)::int AS failed, sum(rollbacks)::int AS rollbacks, sum(incidents)::int AS incidents FROM (
      SELECT ${bucketOf(raw('d.finished_at'), w)} AS bucket,
        count(*) FILTER (WHERE d.status = 'failure') AS failed, count(*) FILTER (WHERE d.is_rollback) AS rollbacks, 0 AS incidents
      FROM deployment d
      WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
        AND (d.status = 'failure' OR d.is_rollback) AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to}
      GROUP BY 1
      UNION ALL
      SELECT ${bucketOf(raw('i.opened_at'), w)}, 0, 0, count(*)
      FROM incident i
      WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY(${w.environmentIds}::int[]))
        AND i.opened_at >= ${w.from} AND i.opened_at < ${w.to}
      GROUP BY 1
    ) e
    WHERE bucket IS NOT NULL GROUP BY bucket ORDER BY bucket`)
}
