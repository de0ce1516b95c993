import type { UserPrincipal } from '@/lib/auth/principal'
import type { AuditPage } from '@/lib/queries/audit-log'
import type { AuditLogQuery } from '@/lib/validation/audit-log'
import { AutoFilterForm } from '@/components/layout/auto-filter-form'
import { formatDateTime } from '@/lib/format/format-time'

const actorOf = (e: AuditPage['events'][number]) => e.actorEmail ?? (e.actorTokenId !== null ? `API token ${e.actorTokenId}` : e.actorUserId ?? '—')

// Filter values as URL parameters (a link to the next page, or to an export, keeps them).
export function auditSearch(q: Partial<AuditLogQuery>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || k === 'cursor' || k === 'limit') continue
    p.set(k, v instanceof Date ? v.toISOString() : String(v))
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v)
  return p.toString()
}

// The audit log's filters, applied as they change (the page renders them for admins, above the table).
export function AuditFilters({ query }: { query: AuditLogQuery }) {
  return (
    <AutoFilterForm action="/settings/audit" className="filters" label="Filter the audit log">
      <label>Who <input name="actor" defaultValue={query.actor ?? ''} placeholder="email, user id or token:12" /></label>
      <label>Action <input name="action" defaultValue={query.action ?? ''} placeholder="team.create or team.*" /></label>
      <label>From (UTC) <input name="from" type="date" defaultValue={query.from?.toISOString().slice(0, 10) ?? ''} /></label>
      <label>Before (UTC) <input name="to" type="date" defaultValue={query.to?.toISOString().slice(0, 10) ?? ''} /></label>
    </AutoFilterForm>
  )
}

// The audit log for an admin: newest events first, older pages by cursor,
// and the CSV/JSON export of everything the filters match (GET /api/settings/audit?format=…). Times in tz,
// the reader's zone; the From and Before days are UTC days, as the API takes them.
export function AuditLogTable({ viewer, query, page, tz }: { viewer: UserPrincipal; query: AuditLogQuery; page: AuditPage | null; tz: string }) {
  if (viewer.role !== 'admin' || !page) return <p className="card empty-state" role="alert">Only admins can read the audit log.</p>
  return (
    <>
      <p>
        Export what the filters match: <a href={`/api/settings/audit?${auditSearch(query, { format: 'csv' })}`} download>CSV</a>
        {' · '}<a href={`/api/settings/audit?${auditSearch(query, { format: 'json' })}`} download>JSON</a>
      </p>
      {page.events.length === 0 ? (
        <p className="card empty-state">No events match.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="audit-log">
            <thead><tr><th>When ({tz})</th><th>Who</th><th>Role</th><th>Action</th><th>Target</th><th>Team</th><th>From</th><th>Details</th></tr></thead>
            <tbody>
              {page.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.occurredAt, tz, true)}</td><td>{actorOf(e)}</td><td>{e.actorRole ?? (e.actorTokenId !== null ? 'token' : '—')}</td>
                  <td><code>{e.action}</code></td><td>{e.targetType}{e.targetId ? ` ${e.targetId}` : ''}</td><td>{e.teamId ?? '—'}</td>
                  <td title={e.userAgent ?? undefined}>{e.ip ?? '—'}</td>
                  <td><code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && <p><a href={`?${auditSearch(query, { cursor: page.nextCursor })}`}>Older events</a></p>}
    </>
  )
}
