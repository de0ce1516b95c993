import { describe, expect, it } from 'vitest'
import { assertTokenLeft, clientIp, enforceRateLimit, memoryBucketStore, takeFromBucket, type RateLimitRule } from '@/lib/http/rate-limit'
import { errorResponse } from '@/lib/http/error-response'
import { AppError } from '@/lib/http/app-error'

const rule: RateLimitRule = { name: 't', capacity: 3, refillPerSecond: 0.5 }

describe('takeFromBucket', () => {
  it('a new bucket is full: it takes one of `capacity`', () => {
    expect(takeFromBucket(undefined, rule, 0)).toEqual({ bucket: { tokens: 2, updatedAtMs: 0 }, result: { allowed: true, remaining: 2, retryAfterSeconds: 0 } })
  })
  it.each([
    // tokens, elapsed ms, allowed, tokens after, Retry-After
    [0, 0, false, 0, 2],
    [0, 1000, false, 0.5, 1],
    [0, 2000, true, 0, 0],
    [0.9, 0, false, 0.9, 1],
    [2.5, 60_000, true, 2, 0], // never more than the capacity
  ])('%d tokens after %d ms: allowed %s', (tokens, elapsed, allowed, after, retry) => {
    const { bucket, result } = takeFromBucket({ tokens, updatedAtMs: 0 }, rule, elapsed)
    expect(result.allowed).toBe(allowed)
    expect(bucket.tokens).toBeCloseTo(after, 9)
    expect(result.retryAfterSeconds).toBe(retry)
  })
  it('cost 0 looks without taking', () => {
    expect(takeFromBucket({ tokens: 1, updatedAtMs: 0 }, rule, 0, 0).bucket.tokens).toBe(1)
  })
})

describe('memoryBucketStore + enforceRateLimit', () => {
  it('lets `capacity` requests through, then 429 with Retry-After until the bucket refills', async () => {
    let now = 0
    const store = memoryBucketStore({ now: () => now })
    for (let i = 0; i < 3; i++) await enforceRateLimit(store, rule, 'token-1')
    const refused = await enforceRateLimit(store, rule, 'token-1').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfterSeconds: 2 })
    const res = errorResponse(refused)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect((await res.json()).error.code).toBe('TOO_MANY_REQUESTS')
    // another key has its own bucket; the same key refills
    await expect(enforceRateLimit(store, rule, 'token-2')).resolves.toMatchObject({ allowed: true })
    now = 2000
    await expect(enforceRateLimit(store, rule, 'token-1')).resolves.toMatchObject({ allowed: true, remaining: 0 })
  })
  it('assertTokenLeft looks without taking: refused only once the bucket is empty', async () => {
    const store = memoryBucketStore({ now: () => 0 })
    for (let i = 0; i < 10; i++) await assertTokenLeft(store, rule, 'peek')
    for (let i = 0; i < 3; i++) await enforceRateLimit(store, rule, 'peek')
    await expect(assertTokenLeft(store, rule, 'peek')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 2 })
  })
  it('keeps at most maxKeys buckets (random keys cannot fill the memory)', async () => {
    const store = memoryBucketStore({ maxKeys: 2, now: () => 0 })
    const one: RateLimitRule = { name: 'one', capacity: 1, refillPerSecond: 0.001 }
    await enforceRateLimit(store, one, 'a')
    await expect(enforceRateLimit(store, one, 'a')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' })
    await enforceRateLimit(store, one, 'b')
    await enforceRateLimit(store, one, 'c') // drops the oldest: a
    await expect(enforceRateLimit(store, one, 'a')).resolves.toMatchObject({ allowed: true })
  })
})

describe('clientIp', () => {
  const h = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff })
  it.each([
    [undefined, 1, 'unknown'],
    ['203.0.113.7', 1, '203.0.113.7'],
    // a client-sent entry first, then what the one trusted proxy appended
    ['6.6.6.6, 203.0.113.7', 1, '203.0.113.7'],
    ['6.6.6.6, 203.0.113.7, 10.0.0.2', 2, '203.0.113.7'],
    ['203.0.113.7', 3, '203.0.113.7'],
  ])('%s with %d trusted hop(s) -> %s', (xff, hops, ip) => {
    expect(clientIp(h(xff), { trustedHops: hops })).toBe(ip)
  })
  it('reads another header when configured', () => {
    expect(clientIp(new Headers({ 'cf-connecting-ip': '198.51.100.1' }), { header: 'cf-connecting-ip' })).toBe('198.51.100.1')
  })
})
