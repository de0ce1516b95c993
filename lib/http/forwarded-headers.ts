import type { IncomingHttpHeaders } from 'node:http'

// What the app reads as "the address this request was sent to" (request-origin.ts): X-Forwarded-Host and
// X-Forwarded-Proto, set here by the web server before Next.js sees the request. With no trusted proxy in
// front (PLIMSOLL_TRUSTED_PROXIES=0) a client's own values are dropped: the host is the Host header the
// browser connected with and the scheme is http (this server speaks plain http). Behind trusted proxies the
// proxy's values stand (it must set, not append, both); a missing one falls back the same way.
export function rewriteForwardedHeaders(headers: IncomingHttpHeaders, trustedProxies: number): void {
  const trusted = trustedProxies > 0
  const host = (trusted && single(headers['x-forwarded-host'])) || headers.host
  const proto = trusted && single(headers['x-forwarded-proto']) === 'https' ? 'https' : 'http'
  if (host) headers['x-forwarded-host'] = host
  else delete headers['x-forwarded-host']
  headers['x-forwarded-proto'] = proto
}

function single(v: string | string[] | undefined): string | undefined {
  return (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined
}
