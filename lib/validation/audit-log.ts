import { z } from 'zod'

// Filters of the audit log (the admin route's query string and the /settings/audit page's URL).
export const auditLogQuery = z.object({
  // a user id or an email (exact), or "token:<id>"
  actor: z.string().trim().min(1).max(320).optional(),
  // an action ("team.create") or every action of an area ("team.*")
  action: z.string().trim().regex(/^[a-z][a-z0-9_.-]*(\.\*)?$/, 'is an action such as team.create, or team.* for a whole area').max(100).optional(),
  targetType: z.string().trim().min(1).max(50).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  team: z.coerce.number().int().positive().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

export type AuditLogQuery = z.infer<typeof auditLogQuery>

export const auditExportQuery = auditLogQuery.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'json']).default('csv') })
export type AuditExportQuery = z.infer<typeof auditExportQuery>
