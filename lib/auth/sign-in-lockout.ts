import { APIError, createAuthMiddleware } from 'better-auth/api'
import { authEnv } from '@/lib/auth/auth-env'
import { clientIp } from '@/lib/http/rate-limit'
import { clearSignInAttempts, takeSignInAttempt } from '@/lib/queries/auth/sign-in-failures'

// Brute-force protection on top of Better Auth's per-address limit (docs/security.md, "Sign-in
// lockout"): 5 password attempts per account *and client address* within 15 minutes, then that
// address is refused for that account (even the right password) until 15 minutes after its last
// attempt. Counted per address so that a stranger's wrong guesses cannot lock the owner (an admin
// included) out from everywhere; an attacker rotating addresses is slowed by the per-address limit
// across accounts and gets 5 guesses per address per account. Attempts are charged before the
// password is checked, atomically, so concurrent guesses cannot all slip under the limit; a right
// password clears that address's count.
export const LOCKOUT_FAILURES = 5
export const LOCKOUT_WINDOW_MS = 15 * 60_000

const emailOf = (body: unknown) => (typeof (body as { email?: unknown })?.email === 'string' ? (body as { email: string }).email : null)
const addressOf = (headers: Headers | undefined) => (headers ? clientIp(headers, { header: authEnv().PLIMSOLL_CLIENT_IP_HEADER }) : 'unknown')

export const signInLockout = {
  before: createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/email') return
    const email = emailOf(ctx.body)
    if (!email) return
    const waitMs = await takeSignInAttempt(email, addressOf(ctx.headers), Date.now(), { limit: LOCKOUT_FAILURES, windowMs: LOCKOUT_WINDOW_MS })
    if (waitMs > 0) {
      throw new APIError('TOO_MANY_REQUESTS', { message: 'Too many failed sign-ins for this account from this address; try again later.' }, { 'Retry-After': String(Math.ceil(waitMs / 1000)) })
    }
  }),
  after: createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/email') return
    const email = emailOf(ctx.body)
    if (!email || ctx.context.returned instanceof APIError) return
    await clearSignInAttempts(email, addressOf(ctx.headers))
  }),
}
