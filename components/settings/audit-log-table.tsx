import type { UserPrincipal } from '@/lib/auth/principal'
import type { AuditPage } from '@/lib/queries/audit-log'
import type { AuditLogQuery } from '@/lib/validation/audit-log'

const time = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ')
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

// The audit log for an admin: filters (a plain GET form), newest events first, older pages by cursor,
// and the CSV/JSON export of everything the filters match (GET /api/settings/audit?format=…).
export function AuditLogTable({ viewer, query, page }: { viewer: UserPrincipal; query: AuditLogQuery; page: AuditPage | null }) {
  if (viewer.role !== 'admin' || !page) return <p className="card empty-state" role="alert">Only admins can read the audit log.</p>
  return (
    <>
      <form method="get" className="filters" aria-label="Filter the audit log">
        <label>Who <input name="actor" defaultValue={query.actor ?? ''} placeholder="email, user id or token:12" /></label>
        <label>Action <input name="action" defaultValue={query.action ?? ''} placeholder="team.create or team.*" /></label>
        <label>From <input name="from" type="date" defaultValue={query.from?.toISOString().slice(0, 10) ?? ''} /></label>
        <label>Before <input name="to" type="date" defaultValue={query.to?.toISOString().slice(0, 10) ?? ''} /></label>
        <button type="submit">Filter</button>
      </form>
      <p>
        Export what the filters match: <a href={`/api/settings/audit?${auditSearch(query, { format: 'csv' })}`} download>CSV</a>
        {' · '}<a href={`/api/settings/audit?${auditSearch(query, { format: 'json' })}`} download>JSON</a>
      </p>
      {page.events.length === 0 ? (
        <p className="card empty-state">No events match.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="audit-log">
            <thead><tr><th>When (UTC)</th><th>Who</th><th>Role</th><th>Action</th><th>Target</th><th>Team</th><th>From</th><th>Details</th></tr></thead>
            <tbody>
              {page.events.map((e) => (
                <tr key={e.id}>
                  <td>{time(e.occurredAt)}</td><td>{actorOf(e)}</td><td>{e.actorRole ?? (e.actorTokenId !== null ? 'token' : '—')}</td>
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
