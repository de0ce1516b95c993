import sql from 'sql-template-tag'
import type { Queryable } from '@/lib/db'
import type { SloWindowKind } from '@/lib/metrics/slo'

export async function updateServiceSlo(client: Queryable, serviceId: number, target: number, window: SloWindowKind): Promise<void> {
  await client.query(sql`UPDATE service SET slo_target = ${target}, slo_window = ${window}::"SloWindow" WHERE id = ${serviceId}`)
}
