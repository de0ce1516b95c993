// Where to go after signing in: only a path on this site. The target is read the way a browser reads
// it (the WHATWG URL parser drops tabs and newlines, turns backslashes into slashes and decodes
// nothing that changes the host), against a placeholder origin; anything that lands elsewhere, such as
// "/\t/evil.example" (read as "//evil.example"), becomes "/". What comes back is the parser's own
// spelling, so it holds no control character that could break a Location header.
const PLACEHOLDER_ORIGIN = 'http://plimsoll.invalid'

export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/'
  let url: URL
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN)
  } catch {
    return '/'
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || url.username || url.password) return '/'
  const path = `${url.pathname}${url.search}${url.hash}`
  // never back into the sign-in machinery (a loop, or a second demo session)
  if (path.startsWith('/api/auth')) return '/'
  return path
}
