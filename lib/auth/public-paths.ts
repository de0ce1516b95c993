// Pages anyone may open without signing in. Everything else (pages) needs a session; API routes
// declare their own rule (lib/auth/access.ts).
const PUBLIC_PAGES = ['/sign-in', '/setup', '/docs/api', '/cli/plimsoll.mjs']

export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))
}
