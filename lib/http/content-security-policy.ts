// The Content-Security-Policy of the pages, built per request by proxy.ts with a fresh nonce. Next.js
// reads the nonce from the *request's* Content-Security-Policy header (script-src 'nonce-…') and puts it
// on its own scripts (the bootstrap, the flight data, the chunks), so proxy.ts sets the header on the
// request it forwards and on the response. 'strict-dynamic' lets those scripts load the other chunks;
// no inline script runs without the nonce. Styles stay 'unsafe-inline': React and recharts write style
// attributes, which a nonce cannot cover (CSP3 style-src-attr), and styles cannot run code.
export type CspOptions = {
  // next dev evaluates code (React's debugging, hot reload): 'unsafe-eval' there only
  dev?: boolean
  // served over HTTPS (PLIMSOLL_PUBLIC_URL starts with https://): ask browsers to upgrade http subresources
  https?: boolean
  // where browsers POST violation reports (e.g. a future /api/csp-report); none by default
  reportUri?: string
}

// 128 random bits, base64: unpredictable and new on every request (Web Crypto: runs in any runtime).
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}

const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/

export function buildCsp(nonce: string, opts: CspOptions = {}): string {
  if (!NONCE.test(nonce)) throw new Error('a CSP nonce must be base64')
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(opts.dev ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(opts.https ? [['upgrade-insecure-requests'] as [string]] : []),
    ...(opts.reportUri ? [['report-uri', opts.reportUri] as [string, string]] : []),
  ]
  return directives.map((d) => d.join(' ')).join('; ')
}

// API answers (JSON, CSV, PDF downloads) and files never run anything and are never framed (set on every
// answer by the web server, lib/http/security-headers.ts; pages replace it).
export const API_CSP = "default-src 'none'; frame-ancestors 'none'"
