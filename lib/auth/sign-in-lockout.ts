import { APIError, createAuthMiddleware } from 'better-auth/api'
import { clearSignInFailures, getSignInFailures, recordSignInFailure } from '@/lib/queries/auth/sign-in-failures'

// Per-account brute-force protection on top of Better Auth's per-address limit: after 5 wrong
// passwords within 15 minutes the account refuses password sign-in (even the right one) until 15
// minutes after the last failure. Attackers rotating addresses still hit this.
export const LOCKOUT_FAILURES = 5
export const LOCKOUT_WINDOW_MS = 15 * 60_000

export function lockoutRemainingMs(state: { count: number; lastRequest: number } | null, now: number): number {
  if (!state || state.count < LOCKOUT_FAILURES) return 0
  return Math.max(0, state.lastRequest + LOCKOUT_WINDOW_MS - now)
}

const emailOf = (body: unknown) => (typeof (body as { email?: unknown })?.email === 'string' ? (body as { email: string }).email : null)

export const signInLockout = {
  before: createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/email') return
    const email = emailOf(ctx.body)
    if (!email) return
    const remaining = lockoutRemainingMs(await getSignInFailures(email), Date.now())
    if (remaining > 0) {
      throw new APIError('TOO_MANY_REQUESTS', { message: 'Too many failed sign-ins for this account; try again later.' }, { 'Retry-After': String(Math.ceil(remaining / 1000)) })
    }
  }),
  after: createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/email') return
    const email = emailOf(ctx.body)
    if (!email) return
    const returned = ctx.context.returned
    const failed = returned instanceof APIError && (returned.statusCode === 401 || returned.status === 'UNAUTHORIZED')
    if (failed) await recordSignInFailure(email, Date.now(), LOCKOUT_WINDOW_MS)
    else if (!(returned instanceof APIError)) await clearSignInFailures(email)
  }),
}
