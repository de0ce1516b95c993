import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// Failed password sign-ins per account, in auth_rate_limit under "lockout:<email>" (shared by replicas).
const key = (email: string) => `lockout:${email.trim().toLowerCase()}`

export async function recordSignInFailure(email: string, now: number, windowMs: number, client: Queryable = pool()): Promise<number> {
  const rows = await queryRows<{ count: number }>(client, sql`
    INSERT INTO auth_rate_limit (id, key, count, last_request)
    VALUES (gen_random_uuid()::text, ${key(email)}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN auth_rate_limit.last_request < ${now - windowMs} THEN 1 ELSE auth_rate_limit.count + 1 END,
      last_request = ${now}
    RETURNING count`)
  return rows[0]!.count
}

export async function getSignInFailures(email: string, client: Queryable = pool()): Promise<{ count: number; lastRequest: number } | null> {
  const rows = await queryRows<{ count: number; lastRequest: string }>(client, sql`
    SELECT count, last_request AS "lastRequest" FROM auth_rate_limit WHERE key = ${key(email)}`)
  return rows[0] ? { count: rows[0].count, lastRequest: Number(rows[0].lastRequest) } : null
}

export async function clearSignInFailures(email: string, client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM auth_rate_limit WHERE key = ${key(email)}`)
}
