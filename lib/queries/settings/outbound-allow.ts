import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'

export type OutboundAllowRow = { id: number; entry: string; note: string; createdAt: Date }

export async function listOutboundAllow(client: Queryable = pool()): Promise<OutboundAllowRow[]> {
  return queryRows<OutboundAllowRow>(client, sql`SELECT id, entry, note, created_at AS "createdAt" FROM outbound_allow ORDER BY entry`)
}

export async function insertOutboundAllow(input: { entry: string; note: string }, client: Queryable = pool()): Promise<OutboundAllowRow> {
  const [row] = await queryRows<OutboundAllowRow>(client, sql`
    INSERT INTO outbound_allow (entry, note) VALUES (${input.entry}, ${input.note}) ON CONFLICT (entry) DO NOTHING
    RETURNING id, entry, note, created_at AS "createdAt"`)
  if (!row) throw new AppError('CONFLICT', `"${input.entry}" is on the outbound allow-list already.`, [{ path: 'entry', message: 'already on the list' }])
  return row
}

export async function deleteOutboundAllow(id: number, client: Queryable = pool()): Promise<OutboundAllowRow> {
  const [row] = await queryRows<OutboundAllowRow>(client, sql`DELETE FROM outbound_allow WHERE id = ${id} RETURNING id, entry, note, created_at AS "createdAt"`)
  if (!row) throw new AppError('NOT_FOUND', `No outbound allow-list entry ${id}.`)
  return row
}
