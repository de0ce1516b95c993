import type { Principal } from '@/lib/auth/principal'
import { clientIp } from '@/lib/http/rate-limit'
import type { AuditEventInput } from '@/lib/queries/audit-log'

// Who and from where, for recordAuditEvent: the caller the route wrapper resolved, and the request.
export function auditContextOf(principal: Principal, req: Request, opts: { ipHeader?: string; trustedHops?: number } = {}): Pick<AuditEventInput, 'actor' | 'ip' | 'userAgent'> {
  const actor = principal.kind === 'user'
    ? { userId: principal.userId, email: principal.email, role: principal.role }
    : { tokenId: principal.tokenId }
  const ip = clientIp(req.headers, { header: opts.ipHeader, trustedHops: opts.trustedHops })
  return { actor, ip: ip === 'unknown' ? null : ip, userAgent: req.headers.get('user-agent') }
}
