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

// Takes the live link: of concurrent uses exactly one gets its expiry back, the others nothing. One
// statement, no lock held while the admin is made (the embedded PGlite serves one connection at a time,
// so a transaction held across createUser's own connection waited on itself).
export async function takeLiveSetupToken(hash: string, client: Queryable = pool()): Promise<Date | null> {
  const rows = await queryRows<{ expiresAt: Date }>(client, sql`
    DELETE FROM auth_verification WHERE identifier = ${IDENTIFIER} AND value = ${hash} AND expires_at > now()
    RETURNING expires_at AS "expiresAt"`)
  return rows[0]?.expiresAt ?? null
}

// Every outstanding link dies once the first admin exists.
export async function deleteSetupTokens(client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM auth_verification WHERE identifier = ${IDENTIFIER}`)
}
