import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { SloIndicator } from '@/lib/metrics/slo'
import type { SloSpec } from '@/lib/slo-as-code/parse-slo-document'

// Stores an imported SLO on its service (one availability SLO a service): target, window, indicator, name, PromQL.
export async function saveSloSpec(client: Queryable, serviceId: number, s: SloSpec): Promise<void> {
  await client.query(sql`
    UPDATE service SET slo_target = ${s.target}, slo_window = ${s.window}::"SloWindow", slo_indicator = ${s.indicator},
      slo_name = ${s.name}, slo_ratio = ${s.ratio === null ? null : JSON.stringify(s.ratio)}::jsonb
    WHERE id = ${serviceId}`)
}

export type StoredSlo = Omit<SloSpec, 'indicator'> & { indicator: SloIndicator | null; hasRequests: boolean }

// A team's services' SLOs (narrowed to one slug), for export; an SLO never named takes the service's slug.
export async function listStoredSlos(teamId: number, slug: string | undefined, client: Queryable = pool()): Promise<StoredSlo[]> {
  return queryRows<StoredSlo>(client, sql`
    SELECT s.slug AS service, coalesce(s.slo_name, s.slug) AS name, s.slo_target::float8 AS target, s.slo_window::text AS window,
      s.slo_indicator AS indicator, EXISTS (SELECT 1 FROM request_window w WHERE w.service_id = s.id) AS "hasRequests", s.slo_ratio AS ratio
    FROM service s WHERE s.team_id = ${teamId} AND ${slug ? sql`s.slug = ${slug}` : sql`true`} ORDER BY s.slug`)
}
