import { AppError } from '@/lib/http/app-error'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// CSRF defence for cookie-authenticated changes: the browser must say the request comes from this
// site (Sec-Fetch-Site, else Origin matching the host). Token calls carry no ambient credentials.
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return
  const site = req.headers.get('sec-fetch-site')
  if (site) {
    if (site === 'same-origin') return
    throw new AppError('FORBIDDEN', 'Cross-site request refused (CSRF protection).')
  }
  const origin = req.headers.get('origin')
  if (!origin) throw new AppError('FORBIDDEN', 'A signed-in change needs an Origin header (CSRF protection).')
  const hosts = [req.headers.get('x-forwarded-host'), req.headers.get('host'), new URL(req.url).host].filter(Boolean)
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    throw new AppError('FORBIDDEN', 'Malformed Origin header (CSRF protection).')
  }
  if (!hosts.includes(originHost)) throw new AppError('FORBIDDEN', 'Cross-site request refused (CSRF protection).')
}
