// Response headers every answer carries, whatever its path (pages, API, Next's assets, files, 404s). The
// web server (scripts/web-server.ts) sets them at run time from the start settings, so an image built
// without PLIMSOLL_PUBLIC_URL still sends HSTS once started behind https (a next.config.ts `headers()`
// is frozen into the build). The CSP here runs nothing and is never framed: right for API answers and
// files; pages replace it with their nonce policy (proxy.ts, lib/http/content-security-policy.ts).
import { API_CSP } from '@/lib/http/content-security-policy'

// Features the dashboard never uses, switched off for it and for anything it embeds.
const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'fullscreen', 'geolocation', 'gyroscope',
  'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture', 'publickey-credentials-get', 'screen-wake-lock',
  'serial', 'usb', 'xr-spatial-tracking', 'interest-cohort', 'browsing-topics',
].map((f) => `${f}=()`).join(', ')

export const HSTS = 'max-age=31536000; includeSubDomains'

// HSTS only when the public address is HTTPS: sent over plain HTTP it would be ignored at best, and
// a wrong one locks people out of an install that is not served over TLS.
export function securityHeaders(publicUrl: string | undefined): Record<string, string> {
  const https = !!publicUrl && publicUrl.toLowerCase().startsWith('https://')
  return {
    'Content-Security-Policy': API_CSP,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // "no referrer when cross-origin" (issue 9): the full referrer on our own pages, none to other sites
    // (links in findings and incidents must not leak dashboard URLs)
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  }
}
