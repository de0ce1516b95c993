import { z } from 'zod'
import { filterText, filterTime, int4Id } from '@/lib/validation/common'

// Filters of the audit log (the admin route's query string and the /settings/audit page's URL).
export const auditLogQuery = z.object({
  // a user id or an email (exact), or "token:<id>"
  actor: filterText(320).min(1).optional(),
  // an action ("team.create") or every action of an area ("team.*")
  action: z.string().trim().regex(/^[a-z][a-z0-9_.-]*(\.\*)?$/, 'is an action such as team.create, or team.* for a whole area').max(100).optional(),
  targetType: filterText(50).min(1).optional(),
  targetId: filterText(200).min(1).optional(),
  team: int4Id.optional(),
  from: filterTime.optional(),
  to: filterTime.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

export type AuditLogQuery = z.infer<typeof auditLogQuery>

export const auditExportQuery = auditLogQuery.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'json']).default('csv') })
export type AuditExportQuery = z.infer<typeof auditExportQuery>
