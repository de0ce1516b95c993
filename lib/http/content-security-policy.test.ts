import { describe, expect, it } from 'vitest'
import { API_CSP, buildCsp, createNonce } from '@/lib/http/content-security-policy'
import { securityHeaders } from '@/lib/http/security-headers'
// Next's own reader of the request header (app-render): what it returns goes on every script it emits
import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header'

const directives = (csp: string) => new Map(csp.split('; ').map((d) => { const [name, ...values] = d.split(' '); return [name!, values] }))

describe('buildCsp', () => {
  it('scripts only with the nonce (strict-dynamic), never unsafe-inline; no framing, no plugins', () => {
    const d = directives(buildCsp('abc123=='))
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'self'"])
    expect(buildCsp('abc123==')).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(d.has('upgrade-insecure-requests')).toBe(false)
  })
  it('dev adds unsafe-eval and websockets for hot reload; https upgrades subresources', () => {
    const d = directives(buildCsp('n0nce', { dev: true, https: true, reportUri: '/api/csp-report' }))
    expect(d.get('script-src')).toContain("'unsafe-eval'")
    expect(d.get('connect-src')).toEqual(["'self'", 'ws:'])
    expect(d.has('upgrade-insecure-requests')).toBe(true)
    expect(d.get('report-uri')).toEqual(['/api/csp-report'])
  })
  it('refuses a nonce that could inject a directive', () => {
    expect(() => buildCsp("x'; script-src *")).toThrow('base64')
  })
  it('Next.js reads our nonce back from the header (its own parser)', () => {
    for (let i = 0; i < 50; i++) {
      const nonce = createNonce()
      expect(getScriptNonceFromHeader(buildCsp(nonce, { dev: i % 2 === 0 }))).toBe(nonce)
    }
  })
})

describe('createNonce', () => {
  it('128 random bits, base64, new every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce))
    expect(nonces.size).toBe(100)
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16)
  })
})

describe('securityHeaders', () => {
  const headersOf = (url: string | undefined) => new Map(Object.entries(securityHeaders(url)))
  it('static headers for every path; HSTS only behind HTTPS', () => {
    const plain = headersOf('http://localhost:3000')
    expect(plain.get('X-Frame-Options')).toBe('DENY')
    expect(plain.get('X-Content-Type-Options')).toBe('nosniff')
    expect(plain.get('Referrer-Policy')).toBe('same-origin')
    expect(plain.get('Permissions-Policy')).toContain('camera=()')
    expect(plain.has('Strict-Transport-Security')).toBe(false)
    expect(headersOf(undefined).has('Strict-Transport-Security')).toBe(false)
    expect(headersOf('https://plimsoll.example.com').get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains')
  })
  it('answers that are not pages get a CSP that runs nothing and cannot be framed', () => {
    expect(headersOf(undefined).get('Content-Security-Policy')).toBe(API_CSP)
  })
})
