import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// Password sign-in attempts per account and client address, in auth_rate_limit under
// "lockout:<email>|<address>" (shared by replicas; Better Auth's own per-address rows use other keys).
const key = (email: string, address: string) => `lockout:${email.trim().toLowerCase()}|${address}`

export type AttemptWindow = { limit: number; windowMs: number }

// Charges one attempt before the password is checked, in one statement: the row lock makes concurrent
// attempts count one after another, so at most `limit` of them get through in a window whatever
// arrives at once. A refused attempt changes nothing (it cannot stretch the lock). Returns the
// milliseconds until the next attempt may be made, 0 when this one may go ahead.
export async function takeSignInAttempt(email: string, address: string, now: number, w: AttemptWindow, client: Queryable = pool()): Promise<number> {
  const expired = now - w.windowMs
  const taken = await queryRows<{ count: number }>(client, sql`
    INSERT INTO auth_rate_limit (id, key, count, last_request)
    VALUES (gen_random_uuid()::text, ${key(email, address)}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN auth_rate_limit.last_request < ${expired} THEN 1 ELSE auth_rate_limit.count + 1 END,
      last_request = ${now}
    WHERE auth_rate_limit.count < ${w.limit} OR auth_rate_limit.last_request < ${expired}
    RETURNING count`)
  if (taken[0]) return 0
  const rows = await queryRows<{ lastRequest: string }>(client, sql`
    SELECT last_request AS "lastRequest" FROM auth_rate_limit WHERE key = ${key(email, address)}`)
  return rows[0] ? Math.max(1, Number(rows[0].lastRequest) + w.windowMs - now) : 1
}

// A right password from this address: its count starts again.
export async function clearSignInAttempts(email: string, address: string, client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM auth_rate_limit WHERE key = ${key(email, address)}`)
}
