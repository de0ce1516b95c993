import { NextResponse, type NextRequest } from 'next/server'
import { authEnv } from '@/lib/auth/auth-env'
import { sessionPrincipal } from '@/lib/auth/principal'
import { isPublicPage } from '@/lib/auth/public-paths'
import { buildCsp, createNonce } from '@/lib/http/content-security-policy'
import { logger } from '@/lib/logger'

// Every page request (server render or client navigation) checks the session against the database,
// so a revoked session stops at the next click. Without one: the sign-in page, or on demo installs
// the read-only demo viewer.
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl
  if (isPublicPage(pathname) || APP_FILES.test(pathname)) return withNonceCsp(req)
  const next = encodeURIComponent(pathname + search)
  try {
    if (await sessionPrincipal(req.headers)) return withNonceCsp(req)
  } catch (err) {
    logger.warn({ err }, 'session check failed')
    return new NextResponse('Plimsoll cannot reach its database; retry shortly.', { status: 503, headers: { 'Retry-After': '5', 'Content-Type': 'text/plain' } })
  }
  const target = authEnv().PLIMSOLL_DEMO_SIGN_IN === '1' ? `/api/auth/demo-sign-in?next=${next}` : `/sign-in?next=${next}`
  return NextResponse.redirect(new URL(target, req.url))
}

// Next.js reads the nonce from the request's CSP header and puts it on its own scripts; the browser
// gets the same policy, so no other inline script runs (lib/http/content-security-policy.ts).
function withNonceCsp(req: NextRequest): NextResponse {
  const csp = buildCsp(createNonce(), { dev: process.env.NODE_ENV === 'development', https: authEnv().PLIMSOLL_PUBLIC_URL?.startsWith('https://') })
  const headers = new Headers(req.headers)
  headers.set('content-security-policy', csp)
  const res = NextResponse.next({ request: { headers } })
  res.headers.set('Content-Security-Policy', csp)
  return res
}

// The files Next.js serves from app/ (icon.svg, favicon.ico, robots.txt...): the sign-in page shows them too.
const APP_FILES = /^\/(?:favicon\.ico|(?:apple-)?icon\d*\.[a-z]+|robots\.txt|manifest\.webmanifest)$/

export const config = {
  // Every path but the API (each route checks access itself) and Next's build assets: a page's path may
  // end in anything (a service slug with a dot, /services/api.v2 or /services/notes.txt) and gets its CSP
  // and session check whatever it ends in.
  matcher: ['/((?!api/|_next/static/|_next/image).*)'],
}
