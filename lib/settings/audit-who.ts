import type { AuditEventInput } from '@/lib/queries/audit-log'

// Who made a settings or incident change and from where (auditContextOf in the route), for its audit event.
export type AuditWho = Pick<AuditEventInput, 'actor' | 'ip' | 'userAgent'>
