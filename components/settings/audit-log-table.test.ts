import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AuditLogTable, auditSearch } from '@/components/settings/audit-log-table'
import type { UserPrincipal } from '@/lib/auth/principal'
import { auditLogQuery } from '@/lib/validation/audit-log'

const person = (role: UserPrincipal['role']): UserPrincipal => ({ kind: 'user', userId: 'u1', email: 'a@example.com', name: 'A', role, teamIds: [] })
const event = {
  id: '9', occurredAt: new Date('2026-11-27T10:00:00Z'), actorUserId: null, actorEmail: null, actorTokenId: 12, actorRole: null,
  action: 'probe.update', targetType: 'probe', targetId: '3', teamId: 2, ip: '203.0.113.9', userAgent: 'curl/8', details: { interval: 60 },
}
const render = (role: UserPrincipal['role'], nextCursor: string | null = null) =>
  renderToStaticMarkup(createElement(AuditLogTable, { viewer: person(role), query: auditLogQuery.parse({ action: 'probe.*' }), page: role === 'admin' ? { events: [event], nextCursor } : null, tz: 'Europe/Berlin' }))

describe('AuditLogTable', () => {
  it.each(['maintainer', 'viewer'] as const)('a %s sees no event', (role) => {
    const html = render(role)
    expect(html).toContain('Only admins can read the audit log.')
    expect(html).not.toContain('probe.update')
  })
  it('an admin sees who, what, when (in the reader\'s zone), from where, the exports and older pages with the same filters', () => {
    const html = render('admin', 'abc')
    expect(html).toContain('When (Europe/Berlin)')
    expect(html).toContain('2026-11-27 11:00:00')
    expect(html).toContain('API token 12')
    expect(html).toContain('<code>probe.update</code>')
    expect(html).toContain('203.0.113.9')
    expect(html).toContain('href="/api/settings/audit?action=probe.*&amp;format=csv"')
    expect(html).toContain('href="?action=probe.*&amp;cursor=abc"')
  })
})

describe('auditSearch', () => {
  it('keeps filters, drops paging, adds extras', () => {
    const q = auditLogQuery.parse({ actor: 'a@example.com', from: '2026-11-01', cursor: 'x', limit: '10' })
    expect(auditSearch(q, { format: 'json' })).toBe('actor=a%40example.com&from=2026-11-01T00%3A00%3A00.000Z&format=json')
  })
})
