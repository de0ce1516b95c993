// The origin (scheme://host[:port]) a request was sent to. scripts/web-server.ts rewrites X-Forwarded-Host and
// X-Forwarded-Proto on every request to what it can vouch for (forwarded-headers.ts), so what reaches the app
// here is either the Host the browser connected to or, behind PLIMSOLL_TRUSTED_PROXIES, what the proxy said.
// A request built without either header (a handler called directly) is taken at its URL's word.
export function requestOrigin(req: RequestLike): string | null {
  const { headers } = req
  const host = firstValue(headers.get('x-forwarded-host')) ?? firstValue(headers.get('host'))
  if (!host) return req.url && URL.canParse(req.url) ? new URL(req.url).origin : null
  if (!HOST.test(host)) return null
  const proto = firstValue(headers.get('x-forwarded-proto')) === 'https' ? 'https' : 'http'
  return `${proto}://${host.toLowerCase()}`
}

// The origins a signed-in change may come from: PLIMSOLL_PUBLIC_URL's alone when it is set, else the
// address the request was sent to (whatever address a person opened: localhost, 127.0.0.1, a LAN name).
export function allowedOrigins(req: RequestLike, publicUrl: string | undefined): string[] {
  if (publicUrl) return [new URL(publicUrl).origin]
  const own = requestOrigin(req)
  return own ? [own] : []
}

type RequestLike = { headers: Headers; url?: string }

// a host name, IPv4 or [IPv6] address with an optional port, nothing else (no path, no credentials)
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

function firstValue(v: string | null): string | undefined {
  const first = v?.split(',')[0]?.trim()
  return first || undefined
}
