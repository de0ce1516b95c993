import { authEnv } from '@/lib/auth/auth-env'
import { AppError } from '@/lib/http/app-error'
import { allowedOrigins } from '@/lib/http/request-origin'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// CSRF defence for cookie-authenticated changes, the same rule Better Auth applies to sign-in
// (lib/auth/auth.ts, trustedOrigins): the Origin must be PLIMSOLL_PUBLIC_URL's, or without one the address
// the request was sent to. A browser that says the request is cross-site is refused outright; one that
// says same-origin and sends no Origin is believed. Token calls carry no ambient credentials.
export function assertSameOrigin(req: Request, publicUrl = authEnv().PLIMSOLL_PUBLIC_URL): void {
  if (SAFE_METHODS.has(req.method)) return
  const site = req.headers.get('sec-fetch-site')
  if (site && site !== 'same-origin') throw new AppError('FORBIDDEN', 'Cross-site request refused (CSRF protection).')
  const origin = req.headers.get('origin')
  if (!origin) {
    if (site === 'same-origin') return
    throw new AppError('FORBIDDEN', 'A signed-in change needs an Origin header (CSRF protection).')
  }
  let originOfRequest: string
  try {
    originOfRequest = new URL(origin).origin
  } catch {
    throw new AppError('FORBIDDEN', 'Malformed Origin header (CSRF protection).')
  }
  if (!allowedOrigins(req, publicUrl).includes(originOfRequest)) throw new AppError('FORBIDDEN', 'Cross-site request refused (CSRF protection).')
}
