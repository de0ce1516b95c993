import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { resultOf, type BucketStore, type RateLimitRule } from '@/lib/http/rate-limit'

// Token buckets in PostgreSQL, shared by every app replica: one upsert per request refills the bucket
// from the time since its last use, then takes `cost` when a token is left (takeFromBucket's rule, in
// SQL). The row lock serialises only the requests of the same key, for the length of that statement.
export function postgresBucketStore(client: Queryable = pool()): BucketStore {
  return {
    take: (key, rule, cost = 1) => takeRateLimitToken(`${rule.name}:${key}`, rule, cost, client),
    peek: (key, rule) => peekRateLimitToken(`${rule.name}:${key}`, rule, client),
  }
}

// The bucket as takeRateLimitToken would find it, read only: no row is a full bucket.
export async function peekRateLimitToken(key: string, rule: RateLimitRule, client: Queryable = pool()) {
  const [row] = await queryRows<{ tokens: number }>(client, sql`
    SELECT least(${rule.capacity}::float8, tokens + greatest(0, extract(epoch FROM clock_timestamp() - updated_at)) * ${rule.refillPerSecond}::float8) AS tokens
    FROM rate_limit_bucket WHERE key = ${key}`)
  const tokens = row ? row.tokens : rule.capacity
  return resultOf(tokens >= 1, tokens, rule)
}

export async function takeRateLimitToken(key: string, rule: RateLimitRule, cost = 1, client: Queryable = pool(), now?: Date) {
  const at = sql`coalesce(${now ?? null}::timestamptz, clock_timestamp())`
  const refilled = sql`least(${rule.capacity}::float8, b.tokens + greatest(0, extract(epoch FROM ${at} - b.updated_at)) * ${rule.refillPerSecond}::float8)`
  const [row] = await queryRows<{ tokens: number; allowed: boolean }>(client, sql`
    INSERT INTO rate_limit_bucket AS b (key, tokens, allowed, updated_at)
    VALUES (${key}, ${rule.capacity}::float8 - ${cost}::float8, ${rule.capacity >= 1}, ${at})
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - ${cost}::float8 ELSE ${refilled} END,
      allowed = ${refilled} >= 1,
      updated_at = ${at}
    RETURNING tokens, allowed`)
  return resultOf(row!.allowed, row!.tokens, rule)
}

// Buckets unused for a day are full again anyway: dropping them changes no answer.
export async function pruneRateLimitBuckets(olderThan = '1 day', client: Queryable = pool()): Promise<number> {
  const r = await client.query(sql`DELETE FROM rate_limit_bucket WHERE updated_at < now() - ${olderThan}::interval`)
  return r.rowCount ?? 0
}
