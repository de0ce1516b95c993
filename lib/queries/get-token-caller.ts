import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { TokenScope } from '@/lib/auth/token-scopes'

export type TokenCaller = { tokenId: number; teamId: number; teamSlug: string; scopes: TokenScope[] }

// Revoked and expired tokens are unknown tokens.
export async function getTokenCaller(hash: string, client: Queryable = pool()): Promise<TokenCaller | null> {
  const rows = await queryRows<TokenCaller>(client, sql`
    SELECT t.id AS "tokenId", t.team_id AS "teamId", team.slug AS "teamSlug", t.scopes
    FROM api_token t JOIN team ON team.id = t.team_id
    WHERE t.hash = ${hash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`)
  return rows[0] ?? null
}

export async function touchTokenLastUsed(tokenId: number, at: Date, client: Queryable = pool()): Promise<void> {
  await client.query(sql`UPDATE api_token SET last_used_at = ${at} WHERE id = ${tokenId}`).then((r) => r.rowCount ?? 0)
}
