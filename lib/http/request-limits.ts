import { authEnv } from '@/lib/auth/auth-env'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/http/app-error'
import { clientIp, enforceRateLimit, rateLimits, type BucketStore } from '@/lib/http/rate-limit'
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

// A wrong or revoked token, or (on a public route: the webhooks) a wrong signature, costs the caller's
// address a token: guessing turns into 429s quickly, while correct calls never pay for this check.
export async function limitFailedCredentials(req: Request, err: unknown, signedRoute = false): Promise<void> {
  if (!(err instanceof AppError) || err.code !== 'UNAUTHORIZED' || !(signedRoute || req.headers.get('authorization'))) return
  const ip = ipOf(req)
  if (ip !== 'unknown' && authEnv().PLIMSOLL_RATE_LIMITS === 'on') await enforceRateLimit(buckets(), rateLimits.authFailuresPerIp, ip)
}
