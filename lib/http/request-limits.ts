import { authEnv } from '@/lib/auth/auth-env'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/http/app-error'
import { assertTokenLeft, clientIp, enforceRateLimit, rateLimits, type BucketStore } from '@/lib/http/rate-limit'
import { postgresBucketStore } from '@/lib/queries/rate-limit-buckets'

let store: BucketStore | undefined
const buckets = () => (store ??= postgresBucketStore())
const ipOf = (req: Request) => clientIp(req.headers, { header: authEnv().PLIMSOLL_CLIENT_IP_HEADER })

// Ingest: one bucket per token and one per client address (both in PostgreSQL, shared by replicas).
// Without a known address (a handler called in-process) only the token's bucket applies.
export async function limitIngest(req: Request, principal: Principal): Promise<void> {
  if (principal.kind !== 'token' || authEnv().PLIMSOLL_RATE_LIMITS === 'off') return
  const ip = ipOf(req)
  await Promise.all([
    enforceRateLimit(buckets(), rateLimits.ingestPerToken, String(principal.tokenId)),
    ip === 'unknown' ? null : enforceRateLimit(buckets(), rateLimits.ingestPerIp, ip),
  ])
}

// Building a report: one bucket per caller (the token, or the signed-in person), 429 with Retry-After.
export async function limitReportBuilds(principal: Principal): Promise<void> {
  if (authEnv().PLIMSOLL_RATE_LIMITS === 'off') return
  const caller = principal.kind === 'token' ? `token:${principal.tokenId}` : `user:${principal.userId}`
  await enforceRateLimit(buckets(), rateLimits.reportsPerCaller, caller)
}

// A wrong or revoked token, or (on a signed route: the webhooks) a wrong signature, costs the caller's
// address a token: guessing turns into 429s quickly, while correct calls never pay for this check.
export async function limitFailedCredentials(req: Request, err: unknown, signedRoute = false): Promise<void> {
  if (!(err instanceof AppError) || err.code !== 'UNAUTHORIZED' || !(signedRoute || req.headers.get('authorization'))) return
  const ip = ipOf(req)
  if (ip !== 'unknown' && authEnv().PLIMSOLL_RATE_LIMITS === 'on') await enforceRateLimit(buckets(), rateLimits.authFailuresPerIp, ip)
}

// Signed routes read up to 25 MiB before the signature can be checked: an address that has used up its
// failures is refused before any of its body is read (one indexed read, no write).
export async function assertCredentialBudget(req: Request): Promise<void> {
  const ip = ipOf(req)
  if (ip !== 'unknown' && authEnv().PLIMSOLL_RATE_LIMITS === 'on') await assertTokenLeft(buckets(), rateLimits.authFailuresPerIp, ip)
}

// Better Auth's answers that write the session cookie cost the client's address a token; an address with
// none left is refused before Better Auth runs (its own limiter counts per path, so a script alternating
// sign-in, sign-out and session calls wrote ~107 sessions a second).
export async function limitSessionWrites(req: Request, answer: () => Promise<Response>): Promise<Response> {
  const ip = ipOf(req)
  if (ip === 'unknown' || authEnv().PLIMSOLL_RATE_LIMITS === 'off') return answer()
  await assertTokenLeft(buckets(), rateLimits.sessionWritesPerIp, ip)
  const res = await answer()
  if (res.headers.getSetCookie().length > 0) await buckets().take(ip, rateLimits.sessionWritesPerIp)
  return res
}
