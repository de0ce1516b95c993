import { Readable } from 'node:stream'
import { route } from '@/lib/http/route'
import { exportAuditLog } from '@/lib/audit/export-audit-log'
import { auditExportQuery } from '@/lib/validation/audit-log'

export const dynamic = 'force-dynamic'

// GET /api/settings/audit – the audit log (filters as on /settings/audit) as CSV or JSON, streamed; admins only
export const GET = route({ access: 'admin', query: auditExportQuery }, async ({ query }) => {
  const { stream, contentType, filename } = exportAuditLog(query)
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  })
})
