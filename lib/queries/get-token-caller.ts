import { db, type DbOrTx } from '@/lib/db'

export type TokenCaller = { tokenId: number; teamId: number; teamSlug: string }

export async function getTokenCaller(hash: string, client: DbOrTx = db()): Promise<TokenCaller | null> {
  const rows = await client.$queryRaw<TokenCaller[]>`
    SELECT t.id AS "tokenId", t.team_id AS "teamId", team.slug AS "teamSlug"
    FROM api_token t JOIN team ON team.id = t.team_id
    WHERE t.hash = ${hash} AND t.revoked_at IS NULL`
  return rows[0] ?? null
}

export async function touchTokenLastUsed(tokenId: number, at: Date, client: DbOrTx = db()): Promise<void> {
  await client.$executeRaw`UPDATE api_token SET last_used_at = ${at} WHERE id = ${tokenId}`
}
