import { toNextJsHandler } from 'better-auth/next-js'
import { auth } from '@/lib/auth/auth'
import { limitedRequest } from '@/lib/http/body-limit'
import { limitSessionWrites } from '@/lib/http/request-limits'
import { errorResponse } from '@/lib/http/error-response'
import { ROUTE_ACCESS } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

// /api/auth/* – Better Auth's sign-in, sign-out, OAuth/OIDC callbacks and session endpoints. Public by
// nature; it rate-limits sign-in per address (and lib/auth/sign-in-lockout.ts per account); every answer
// that writes the session cookie costs the address a token too (lib/http/request-limits.ts).
// Better Auth reads bodies without a limit: sign-in forms and callbacks are small (413 past 64 KiB).
const MAX_AUTH_BODY_BYTES = 64 * 1024
const handle = async (req: Request) => {
  try {
    return await limitSessionWrites(req, async () => toNextJsHandler(auth()).POST(await limitedRequest(req, MAX_AUTH_BODY_BYTES)))
  } catch (err) {
    return errorResponse(err, { method: req.method, url: req.url })
  }
}
export const GET = Object.assign(handle, { [ROUTE_ACCESS]: 'public' as const })
export const POST = GET
