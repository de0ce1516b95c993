import { Readable } from 'node:stream'
import { csvStringifier } from '@/lib/format/csv'
import { listAuditEvents, type AuditEvent } from '@/lib/queries/audit-log'
import type { AuditExportQuery } from '@/lib/validation/audit-log'

export const auditCsvColumns = [
  'id', 'occurred_at', 'actor_user_id', 'actor_email', 'actor_token_id', 'actor_role', 'action',
  'target_type', 'target_id', 'team_id', 'ip', 'user_agent', 'details',
] as const

const PAGE = 1000

// Every event matching the filters, newest first, read page by page (never the whole log in memory).
export async function* allAuditEvents(q: Omit<AuditExportQuery, 'format'>, pageSize = PAGE): AsyncGenerator<AuditEvent> {
  let cursor: string | undefined
  do {
    const page = await listAuditEvents({ ...q, cursor, limit: pageSize })
    yield* page.events
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}

const csvRow = (e: AuditEvent) => [
  e.id, e.occurredAt.toISOString(), e.actorUserId, e.actorEmail, e.actorTokenId, e.actorRole, e.action,
  e.targetType, e.targetId, e.teamId, e.ip, e.userAgent, JSON.stringify(e.details),
]

async function* jsonChunks(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  let first = true
  yield '{"events":['
  for await (const e of events) {
    yield (first ? '' : ',') + JSON.stringify(e)
    first = false
  }
  yield ']}'
}

// The audit log as CSV (one row per event, details as JSON text) or JSON ({ events: [...] }), streamed.
// The admin route answers with it: new Response(Readable.toWeb(stream), { headers: { Content-Type, Content-Disposition } }).
export function exportAuditLog(q: AuditExportQuery, now = new Date()): { stream: Readable; contentType: string; filename: string } {
  const { format, ...filters } = q
  const events = allAuditEvents(filters)
  const filename = `plimsoll-audit-${now.toISOString().slice(0, 10)}.${format}`
  if (format === 'json') return { stream: Readable.from(jsonChunks(events), { objectMode: false }), contentType: 'application/json', filename }
  const rows = (async function* () { for await (const e of events) yield csvRow(e) })()
  return { stream: Readable.from(rows).pipe(csvStringifier({ header: true, columns: [...auditCsvColumns] })), contentType: 'text/csv; charset=utf-8', filename }
}
