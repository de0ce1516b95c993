import { describe, expect, it } from 'vitest'
import { rewriteForwardedHeaders } from '@/lib/http/forwarded-headers'
import { allowedOrigins, requestOrigin } from '@/lib/http/request-origin'
import { assertSameOrigin } from '@/lib/http/same-origin'

// what scripts/web-server.ts does to a request before the app (and Better Auth) sees it
function received(sent: Record<string, string>, trustedProxies = 0): Headers {
  const raw: Record<string, string> = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k.toLowerCase(), v]))
  rewriteForwardedHeaders(raw, trustedProxies)
  return new Headers(raw)
}
const post = (headers: Headers) => new Request('http://0.0.0.0:3000/api/v1/slos', { method: 'POST', headers })

describe('the address a request was sent to', () => {
  it.each([
    ['localhost:3000', 'http://localhost:3000'],
    ['127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['plimsoll.lan:8080', 'http://plimsoll.lan:8080'],
    ['[::1]:3000', 'http://[::1]:3000'],
  ])('Host %s is %s', (host, origin) => {
    expect(requestOrigin({ headers: received({ host }) })).toBe(origin)
  })

  it("ignores a client's own X-Forwarded-Host and -Proto without a trusted proxy", () => {
    const headers = received({ host: 'localhost:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })
    expect(requestOrigin({ headers })).toBe('http://localhost:3000')
  })

  it("takes a trusted proxy's X-Forwarded-Host and -Proto", () => {
    const headers = received({ host: '10.0.0.5:3000', 'x-forwarded-host': 'plimsoll.example.com', 'x-forwarded-proto': 'https' }, 1)
    expect(requestOrigin({ headers })).toBe('https://plimsoll.example.com')
  })

  it('refuses a host with a path or credentials in it', () => {
    expect(requestOrigin({ headers: new Headers({ host: 'a@b.example' }) })).toBeNull()
    expect(requestOrigin({ headers: new Headers({ host: 'b.example/x' }) })).toBeNull()
  })

  it('with PLIMSOLL_PUBLIC_URL only that origin is allowed', () => {
    const headers = received({ host: '127.0.0.1:3000' })
    expect(allowedOrigins({ headers }, 'https://plimsoll.example.com/')).toEqual(['https://plimsoll.example.com'])
    expect(allowedOrigins({ headers }, undefined)).toEqual(['http://127.0.0.1:3000'])
  })
})

describe('the same-origin check of signed-in changes', () => {
  it('accepts the Origin of the address the page was opened at, whichever it is', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '192.168.1.20:3000']) {
      expect(() => assertSameOrigin(post(received({ host, origin: `http://${host}` })), undefined)).not.toThrow()
    }
  })

  it('refuses a foreign Origin, and a cross-site browser request', () => {
    expect(() => assertSameOrigin(post(received({ host: 'localhost:3000', origin: 'http://evil.example' })), undefined)).toThrow(/CSRF/)
    expect(() => assertSameOrigin(post(received({ host: 'localhost:3000', origin: 'https://localhost:3000' })), undefined)).toThrow(/CSRF/)
    const crossSite = received({ host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' })
    expect(() => assertSameOrigin(post(crossSite), undefined)).toThrow(/CSRF/)
  })

  it('with PLIMSOLL_PUBLIC_URL set, another address of the same server is refused', () => {
    const headers = received({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' })
    expect(() => assertSameOrigin(post(headers), 'http://localhost:3000')).toThrow(/CSRF/)
    expect(() => assertSameOrigin(post(received({ host: '127.0.0.1:3000', origin: 'http://localhost:3000' })), 'http://localhost:3000')).not.toThrow()
  })
})
