// Response headers that are the same for every request, applied by next.config.ts `headers()` (so this
// file has no '@/' imports: the config is loaded before the app's path aliases). The pages' CSP needs a
// nonce per request and comes from proxy.ts (lib/http/content-security-policy.ts); API routes get a
// fixed one here.
import { API_CSP } from './content-security-policy'

type Header = { key: string; value: string }
type HeaderRule = { source: string; headers: Header[] }

// Features the dashboard never uses, switched off for it and for anything it embeds.
const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'fullscreen', 'geolocation', 'gyroscope',
  'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture', 'publickey-credentials-get', 'screen-wake-lock',
  'serial', 'usb', 'xr-spatial-tracking', 'interest-cohort', 'browsing-topics',
].map((f) => `${f}=()`).join(', ')

// HSTS only when the public address is HTTPS: sent over plain HTTP it would be ignored at best, and
// a wrong one locks people out of an install that is not served over TLS.
export function securityHeaders(publicUrl: string | undefined): HeaderRule[] {
  const https = !!publicUrl && publicUrl.toLowerCase().startsWith('https://')
  const common: Header[] = [
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // "no referrer when cross-origin" (issue 9): the full referrer on our own pages, none to other sites
    // (links in findings and incidents must not leak dashboard URLs)
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] : []),
  ]
  return [
    { source: '/:path*', headers: common },
    { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
  ]
}
