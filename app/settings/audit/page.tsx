import type { Metadata } from 'next'
import { requirePageUser } from '@/lib/auth/page-user'
import { AuditFilters, AuditLogTable } from '@/components/settings/audit-log-table'
import { listAuditEvents } from '@/lib/queries/audit-log'
import { auditLogQuery } from '@/lib/validation/audit-log'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'

export const metadata: Metadata = { title: 'Audit log' }

export const dynamic = 'force-dynamic'

// /settings/audit – what admins and maintainers did (admins only).
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageUser()
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string' && v !== ''))
  const parsed = auditLogQuery.safeParse(raw)
  const query = parsed.success ? parsed.data : auditLogQuery.parse({})
  // a cursor from an old or edited link: start again from the newest events
  const tz = await browserTimeZone()
  const page = viewer.role === 'admin' ? await listAuditEvents(query).catch(() => listAuditEvents({ ...query, cursor: undefined })) : null
  return (
    <>
      <h1>Audit log</h1>
      <ZoneGuessed tz={tz} fromUrl={false} />
      {!parsed.success && <p role="alert">Some filters were not understood and are ignored: {parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.</p>}
      {viewer.role === 'admin' && <AuditFilters query={query} />}
      <AuditLogTable viewer={viewer} query={query} page={page} tz={tz} />
    </>
  )
}
