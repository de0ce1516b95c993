import sql, { type Sql } from 'sql-template-tag'
import type { Granularity } from '@/lib/time/buckets'

// What every metric query is filtered and bucketed by.
export type MetricWindow = {
  serviceIds: number[]
  environmentIds: number[]
  from: Date
  to: Date
  tz: string
  granularity: Granularity
}

// date_trunc in the caller's zone gives the local start date of the bucket: the same key lib/time/buckets makes.
export function bucketOf(column: Sql, w: MetricWindow): Sql {
  return sql`date_trunc(${w.granularity}, ${column} AT TIME ZONE ${w.tz})::date::text`
}
