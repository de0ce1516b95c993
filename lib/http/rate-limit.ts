import { AppError } from '@/lib/http/app-error'

// Token buckets: a bucket holds up to `capacity` tokens and gains `refillPerSecond`; a request takes one,
// and is refused (429 with Retry-After) when none is left. Buckets live in PostgreSQL by default
// (lib/queries/rate-limit-buckets.ts), so every app replica draws from the same bucket; the in-process
// store is for tests and for a single process without a database at hand (each replica would count alone).
export type RateLimitRule = { name: string; capacity: number; refillPerSecond: number }

export type TakeResult = { allowed: boolean; remaining: number; retryAfterSeconds: number }

// peek: whether a token is left, taking none and writing nothing (a check before expensive work)
export type BucketStore = {
  take(key: string, rule: RateLimitRule, cost?: number): Promise<TakeResult>
  peek(key: string, rule: RateLimitRule): Promise<TakeResult>
}

// Defaults sized for CI systems posting deployments (bursts of a few hundred) and for people signing in.
export const rateLimits = {
  // every ingest request of one API token
  ingestPerToken: { name: 'ingest-token', capacity: 600, refillPerSecond: 10 },
  // every ingest request from one client address, whatever the token (runners behind one NAT share it)
  ingestPerIp: { name: 'ingest-ip', capacity: 1200, refillPerSecond: 20 },
  // requests with a missing, unknown or revoked token or a bad webhook signature: guessing is slow
  // (sign-in attempts are limited by Better Auth's own limiter, lib/auth/auth.ts)
  authFailuresPerIp: { name: 'auth-failure-ip', capacity: 20, refillPerSecond: 1 / 6 },
  // answers that set the session cookie (sign-in, sign-out, session refreshes, the demo sign-in) to one
  // client address: a person needs a few an hour, a script writing sessions in a loop gets 429s
  sessionWritesPerIp: { name: 'session-write-ip', capacity: 60, refillPerSecond: 1 },
  // report builds of one caller (a token or a person; the API and the Reports page's build action):
  // each reads a quarter of metrics and is stored for good, so a burst of 10, then one a minute
  reportsPerCaller: { name: 'report-caller', capacity: 10, refillPerSecond: 1 / 60 },
} as const satisfies Record<string, RateLimitRule>

export type Bucket = { tokens: number; updatedAtMs: number }

// The bucket after `nowMs`, and whether a token was available; `cost` 0 only looks (allowed when one is left).
export function takeFromBucket(bucket: Bucket | undefined, rule: RateLimitRule, nowMs: number, cost = 1): { bucket: Bucket; result: TakeResult } {
  const elapsed = bucket ? Math.max(0, nowMs - bucket.updatedAtMs) / 1000 : 0
  const refilled = bucket ? Math.min(rule.capacity, bucket.tokens + elapsed * rule.refillPerSecond) : rule.capacity
  const allowed = refilled >= 1
  const tokens = allowed ? refilled - cost : refilled
  return { bucket: { tokens, updatedAtMs: nowMs }, result: resultOf(allowed, tokens, rule) }
}

export function resultOf(allowed: boolean, tokens: number, rule: RateLimitRule): TakeResult {
  return {
    allowed,
    remaining: Math.max(0, Math.floor(tokens)),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / rule.refillPerSecond)),
  }
}

// One process's buckets; the oldest are dropped beyond `maxKeys` so random keys cannot fill the memory.
export function memoryBucketStore(opts: { maxKeys?: number; now?: () => number } = {}): BucketStore {
  const buckets = new Map<string, Bucket>()
  const maxKeys = opts.maxKeys ?? 10_000
  const now = opts.now ?? Date.now
  return {
    async take(key, rule, cost = 1) {
      const k = `${rule.name}:${key}`
      const { bucket, result } = takeFromBucket(buckets.get(k), rule, now(), cost)
      buckets.delete(k)
      buckets.set(k, bucket)
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!)
      return result
    },
    async peek(key, rule) {
      return takeFromBucket(buckets.get(`${rule.name}:${key}`), rule, now(), 0).result
    },
  }
}

// Takes a token for `key` (a token id, a client address) or throws TOO_MANY_REQUESTS with Retry-After.
export async function enforceRateLimit(store: BucketStore, rule: RateLimitRule, key: string, cost = 1): Promise<TakeResult> {
  const result = await store.take(key, rule, cost)
  if (!result.allowed) throw tooManyRequests(result)
  return result
}

// Refuses (TOO_MANY_REQUESTS) when `key` has no token left, without taking one.
export async function assertTokenLeft(store: BucketStore, rule: RateLimitRule, key: string): Promise<void> {
  const result = await store.peek(key, rule)
  if (!result.allowed) throw tooManyRequests(result)
}

const tooManyRequests = (r: TakeResult) =>
  new AppError('TOO_MANY_REQUESTS', `Too many requests; retry in ${r.retryAfterSeconds} s.`, undefined, r.retryAfterSeconds)

// The client's address from X-Forwarded-For (or PLIMSOLL_CLIENT_IP_HEADER). The web server
// (scripts/web-server.ts) has already rewritten X-Forwarded-For to the one address it vouches for
// (lib/http/client-address.ts); `trustedHops` counts from the right for callers that have not.
export function clientIp(headers: Headers, opts: { header?: string; trustedHops?: number } = {}): string {
  const hops = (headers.get(opts.header ?? 'x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  if (hops.length === 0) return 'unknown'
  return hops[Math.max(0, hops.length - Math.max(1, opts.trustedHops ?? 1))]!
}
