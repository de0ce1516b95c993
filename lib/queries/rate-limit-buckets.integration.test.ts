import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { enforceRateLimit, takeFromBucket, type Bucket, type RateLimitRule } from '@/lib/http/rate-limit'
import { postgresBucketStore, pruneRateLimitBuckets, takeRateLimitToken } from '@/lib/queries/rate-limit-buckets'

// Buckets in PostgreSQL: the same answers as the in-process rule, and one limit across two app replicas.
const rule: RateLimitRule = { name: 'it', capacity: 5, refillPerSecond: 1 }
const replica = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
afterAll(() => replica.end())

describe('postgresBucketStore', () => {
  it('follows takeFromBucket step by step', async () => {
    const key = `it:${randomUUID()}`
    let bucket: Bucket | undefined
    const t0 = Date.parse('2026-11-27T12:00:00Z')
    for (const ms of [0, 0, 0, 0, 0, 0, 0, 400, 1500, 1500, 9000, 9000]) {
      const expected = takeFromBucket(bucket, rule, t0 + ms)
      bucket = expected.bucket
      expect(await takeRateLimitToken(key, rule, 1, pool(), new Date(t0 + ms)), `at ${ms} ms`).toEqual(expected.result)
    }
  })

  it('two replicas (two connection pools) share one bucket under concurrent requests', async () => {
    const key = randomUUID()
    const burst: RateLimitRule = { name: 'it-burst', capacity: 20, refillPerSecond: 0.001 }
    const stores = [postgresBucketStore(pool()), postgresBucketStore(replica)]
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => enforceRateLimit(stores[i % 2]!, burst, key).then(() => 200, (e) => (e as { status: number }).status)))
    expect(results.filter((s) => s === 200)).toHaveLength(20)
    expect(results.filter((s) => s === 429)).toHaveLength(40)
  })

  it('prunes buckets unused for a day', async () => {
    const key = `it:${randomUUID()}`
    await takeRateLimitToken(key, rule, 1, pool(), new Date(Date.now() - 2 * 86_400_000))
    expect(await pruneRateLimitBuckets()).toBeGreaterThanOrEqual(1)
    expect((await pool().query('SELECT 1 FROM rate_limit_bucket WHERE key = $1', [key])).rowCount).toBe(0)
  })
})
