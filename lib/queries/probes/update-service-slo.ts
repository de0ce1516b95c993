import sql from 'sql-template-tag'
import type { Queryable } from '@/lib/db'
import type { SloIndicator, SloWindowKind } from '@/lib/metrics/slo'

// indicator null: chosen automatically (requests once any are recorded, else probes)
export async function updateServiceSlo(client: Queryable, serviceId: number, target: number, window: SloWindowKind, indicator: SloIndicator | null = null): Promise<void> {
  await client.query(sql`
    UPDATE service SET slo_target = ${target}, slo_window = ${window}::"SloWindow", slo_indicator = ${indicator} WHERE id = ${serviceId}`)
}
