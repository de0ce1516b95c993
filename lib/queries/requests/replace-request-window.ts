import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'

export type RequestWindowInput = { serviceId: number; from: Date; to: Date; good: number; total: number; source: 'api' | 'prometheus' }

// Stores a window of request counts in place of every stored window of the service it overlaps: sent again or
// corrected, a window replaces what was there, never adds to it. The service row is locked first, so two
// overlapping windows arriving at once cannot both survive. unchanged: the same window was already stored alone.
export async function replaceRequestWindow(tx: Tx, w: RequestWindowInput): Promise<{ replaced: number; unchanged: boolean }> {
  await tx.query(sql`SELECT 1 FROM service WHERE id = ${w.serviceId} FOR UPDATE`)
  const overlapping = await queryRows<{ id: string; same: boolean }>(tx, sql`
    SELECT id::text, (from_at = ${w.from} AND to_at = ${w.to} AND good = ${w.good} AND total = ${w.total}) AS same
    FROM request_window WHERE service_id = ${w.serviceId} AND from_at < ${w.to} AND to_at > ${w.from}`)
  if (overlapping.length === 1 && overlapping[0]!.same) return { replaced: 0, unchanged: true }
  if (overlapping.length > 0) await tx.query(sql`DELETE FROM request_window WHERE id = ANY(${overlapping.map((o) => o.id)}::bigint[])`)
  await tx.query(sql`
    INSERT INTO request_window (service_id, from_at, to_at, good, total, source)
    VALUES (${w.serviceId}, ${w.from}, ${w.to}, ${w.good}, ${w.total}, ${w.source})`)
  return { replaced: overlapping.length, unchanged: false }
}
