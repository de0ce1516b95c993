import { createAuthEndpoint } from 'better-auth/api'
import { setSessionCookie } from 'better-auth/cookies'
import type { BetterAuthPlugin } from 'better-auth'
import { z } from 'zod'
import { DEMO_VIEWER_EMAIL } from '@/lib/queries/auth/users'
import { safeNextPath } from '@/lib/auth/safe-next-path'

// Demo installs only (PLIMSOLL_DEMO_SIGN_IN=1, set by `npm start` on the embedded database): a visitor
// gets a session as the read-only demo viewer, who has no password and no other way in.
export function demoSignIn(): BetterAuthPlugin {
  return {
    id: 'plimsoll-demo-sign-in',
    endpoints: {
      demoSignIn: createAuthEndpoint('/demo-sign-in', { method: 'GET', query: z.object({ next: z.string().optional() }) }, async (ctx) => {
        const found = await ctx.context.internalAdapter.findUserByEmail(DEMO_VIEWER_EMAIL)
        if (!found) throw ctx.redirect('/sign-in?error=no-demo-viewer')
        const session = await ctx.context.internalAdapter.createSession(found.user.id)
        await setSessionCookie(ctx, { session, user: found.user })
        throw ctx.redirect(safeNextPath(ctx.query?.next))
      }),
    },
  }
}
