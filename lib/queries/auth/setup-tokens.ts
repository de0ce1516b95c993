import { randomUUID } from 'node:crypto'
import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

const IDENTIFIER = 'first-admin-setup'

export async function insertSetupToken(hash: string, expiresAt: Date, client: Queryable = pool()): Promise<void> {
  await client.query(sql`INSERT INTO auth_verification (id, identifier, value, expires_at) VALUES (${randomUUID()}, ${IDENTIFIER}, ${hash}, ${expiresAt})`)
}

export async function isLiveSetupToken(hash: string, client: Queryable = pool()): Promise<boolean> {
  const rows = await queryRows(client, sql`SELECT 1 FROM auth_verification WHERE identifier = ${IDENTIFIER} AND value = ${hash} AND expires_at > now()`)
  return rows.length > 0
}

// Holds the live link's row until the caller's transaction ends: concurrent uses of one link wait here,
// and find it gone once the first has made its admin and deleted it.
export async function lockLiveSetupToken(tx: Queryable, hash: string): Promise<boolean> {
  const rows = await queryRows(tx, sql`
    SELECT 1 FROM auth_verification WHERE identifier = ${IDENTIFIER} AND value = ${hash} AND expires_at > now() FOR UPDATE`)
  return rows.length > 0
}

// Every outstanding link dies once the first admin exists.
export async function deleteSetupTokens(client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM auth_verification WHERE identifier = ${IDENTIFIER}`)
}
