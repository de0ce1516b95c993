import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { AvailabilityEvidence } from '@/lib/metrics/availability'

// What each service's availability can be known from: its earliest probe (a check's creation or its first
// sample, whichever is earlier; null without a check) and whether it has
// ever recorded an outage incident of its own (a probe's outage incidents are the probe's evidence,
// already in probedSince: they must not widen the observed span to the whole window).
export async function listAvailabilityEvidence(serviceIds: number[], client: Queryable = pool()): Promise<AvailabilityEvidence[]> {
  return queryRows<AvailabilityEvidence>(client, sql`
    SELECT s.id AS "serviceId",
      -- a check's first sample is its first state change (from unknown); the rollup hour (the start of the
      -- hour, so up to an hour early) only stands in for checks whose samples were loaded without one
      (SELECT LEAST(min(c.created_at), min(COALESCE(first_change.at, first_rollup.hour)))
        FROM probe_check c
        LEFT JOIN LATERAL (SELECT min(sc.at) AS at FROM probe_state_change sc WHERE sc.check_id = c.id) first_change ON true
        LEFT JOIN LATERAL (SELECT min(r.hour) AS hour FROM probe_rollup r WHERE r.check_id = c.id) first_rollup ON true
        WHERE c.service_id = s.id) AS "probedSince",
      EXISTS (SELECT 1 FROM incident i WHERE i.service_id = s.id AND i.is_outage AND i.source <> 'probe') AS "reportsOutages"
    FROM service s WHERE s.id = ANY(${serviceIds}::int[])`)
}
