import { describe, expect, it } from 'vitest'
import { incidentTransition } from '@/lib/notify/incident-notices'
import { smtpTransportOptions } from '@/lib/notify/send-email'

const t1 = new Date('2026-12-01T10:00:00Z')
const t2 = new Date('2026-12-01T11:00:00Z')

describe('which incident notice a write makes', () => {
  it.each([
    ['new and open', null, null, { kind: 'incident_opened', key: 'incident:7:opened' }],
    ['new, already resolved', null, t2, { kind: 'incident_resolved', key: `incident:7:resolved:${t2.toISOString()}` }],
    ['open, resolved now', { resolvedAt: null }, t2, { kind: 'incident_resolved', key: `incident:7:resolved:${t2.toISOString()}` }],
    ['resolved, reopened', { resolvedAt: t1 }, null, { kind: 'incident_opened', key: `incident:7:reopened:${t1.toISOString()}` }],
    ['open, still open (a title changed)', { resolvedAt: null }, null, null],
    ['resolved, resolved at another time', { resolvedAt: t1 }, t2, null],
  ] as const)('%s', (_what, before, after, want) => {
    expect(incidentTransition(7, before, { resolvedAt: after })).toEqual(want)
  })
})

describe('SMTP security settings', () => {
  const c = { host: 'smtp.example.com', port: 587, from: 'p@example.com', to: ['a@example.com'] }
  it.each([
    ['starttls', { secure: false, requireTLS: true, ignoreTLS: false }],
    ['tls', { secure: true, requireTLS: false, ignoreTLS: false }],
    ['none', { secure: false, requireTLS: false, ignoreTLS: true }],
  ] as const)('%s', (security, want) => {
    const o = smtpTransportOptions({ ...c, security }, '93.184.215.14', 'pw')
    expect(o).toMatchObject({ ...want, host: '93.184.215.14', tls: { servername: 'smtp.example.com' } })
    expect(o.auth).toBeUndefined()
    expect(smtpTransportOptions({ ...c, security, username: 'u' }, '93.184.215.14', 'pw').auth).toEqual({ user: 'u', pass: 'pw' })
  })
})
