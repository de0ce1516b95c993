import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '@/lib/testing/test-database'

// "The last admin cannot be demoted" counts every admin of the install, so it runs on a database of its
// own: the shared test database has admins from every other test. The app's pool is made on first use,
// so pointing DATABASE_URL here before importing the routes is enough (each test file has its own process).
// On the server npm test was given, else a fresh embedded instance (PGlite has one database per instance).
const sharedUrl = process.env.DATABASE_URL!
const db = await createTestDatabase(process.env.TEST_PG_ADMIN_URL, 'lastadmin')
process.env.DATABASE_URL = db.url

const { pool } = await import('@/lib/db')
const { jsonRequest, signedInPerson } = await import('@/lib/testing/signed-in-person')
const person = await import('@/app/api/settings/people/[id]/route')

afterAll(async () => {
  await pool().end()
  await db.drop()
  process.env.DATABASE_URL = sharedUrl
})

const ctx = (id: string) => ({ params: Promise.resolve({ id }) })

describe('the last admin', () => {
  it('cannot be demoted (409); once another admin exists, can', async () => {
    const only = await signedInPerson('admin')
    const demote = (cookie: string, id: string) => person.PATCH(jsonRequest('PATCH', `/api/settings/people/${id}`, cookie, { role: 'maintainer', teams: [] }), ctx(id))
    const refused = await demote(only.cookie, only.userId)
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.message).toMatch(/last admin/)

    const second = await signedInPerson('admin')
    expect((await demote(second.cookie, only.userId)).status).toBe(200)
    expect((await demote(second.cookie, second.userId)).status).toBe(409)
  })
})

describe('removing a person', () => {
  const remove = (cookie: string, id: string) => person.DELETE(jsonRequest('DELETE', `/api/settings/people/${id}`, cookie), ctx(id))
  const whoAmI = (cookie: string) => person.PATCH(jsonRequest('PATCH', '/api/settings/people/nobody', cookie, { role: 'viewer', teams: [] }), ctx('nobody'))

  it('ends their sessions at once, is audit-logged, and never removes the last admin', async () => {
    const admin = await signedInPerson('admin')
    const other = await signedInPerson('admin')
    // the other admin's session works (404: no such person to change, but the caller is let in)
    expect((await whoAmI(other.cookie)).status).toBe(404)
    const removed = await remove(admin.cookie, other.userId)
    expect(removed.status).toBe(200)
    // their cookie opens nothing any more: signed out on the next request
    expect((await whoAmI(other.cookie)).status).toBe(401)
    const events = await pool().query(`SELECT actor_user_id, details FROM audit_event WHERE action = 'person.delete' AND target_id = $1`, [other.userId])
    expect(events.rows).toEqual([{ actor_user_id: admin.userId, details: { email: other.email, role: 'admin' } }])
    expect((await remove(admin.cookie, other.userId)).status).toBe(404)
  })

  it('two admins removing each other at once leave one admin', async () => {
    const admins = await pool().query<{ id: string }>(`SELECT id FROM auth_user WHERE role = 'admin'`)
    const a = await signedInPerson('admin')
    const b = await signedInPerson('admin')
    // every earlier admin goes first, so a and b are the only two
    for (const { id } of admins.rows) expect((await remove(a.cookie, id)).status).toBe(200)
    const [ab, ba] = await Promise.all([remove(a.cookie, b.userId), remove(b.cookie, a.userId)])
    // one goes through; the other is refused as the last admin (409) or, removed first, is no longer let in (401)
    expect([ab.status, ba.status].filter((s) => s === 200)).toHaveLength(1)
    expect([ab.status, ba.status].every((s) => [200, 401, 409].includes(s))).toBe(true)
    expect((await pool().query(`SELECT count(*)::int AS n FROM auth_user WHERE role = 'admin'`)).rows[0].n).toBe(1)
  })
})

describe('two admins demoting each other at once', () => {
  const demote = (cookie: string, id: string) =>
    person.PATCH(jsonRequest('PATCH', `/api/settings/people/${id}`, cookie, { role: 'viewer', teams: [] }), ctx(id))
  const admins = async () => (await pool().query<{ id: string }>(`SELECT id FROM auth_user WHERE role = 'admin' ORDER BY id`)).rows.map((r) => r.id)
  // the loser is refused with a 409 that says why: either it would demote the last admin, or its caller lost
  // the role while it waited (a 403 if the winner committed before the loser's request was even let in)
  async function race(a: { cookie: string; userId: string }, b: { cookie: string; userId: string }) {
    const answers = await Promise.all([demote(a.cookie, b.userId), demote(b.cookie, a.userId)])
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 200), `statuses ${statuses}`).toHaveLength(1)
    const loser = answers.find((r) => r.status !== 200)!
    expect([403, 409]).toContain(loser.status)
    if (loser.status === 409) expect((await loser.json()).error.message).toMatch(/last admin|no longer an admin/)
  }

  it('leave exactly one admin when they are the only two', async () => {
    const a = await signedInPerson('admin')
    const b = await signedInPerson('admin')
    for (const id of await admins()) if (id !== a.userId && id !== b.userId) await pool().query(`UPDATE auth_user SET role = 'viewer' WHERE id = $1`, [id])
    for (let round = 0; round < 5; round++) {
      await race(a, b)
      expect(await admins()).toHaveLength(1)
      const [left] = await admins()
      // put the demoted one back for the next round
      const [winner, loser] = left === a.userId ? [a, b] : [b, a]
      await pool().query(`UPDATE auth_user SET role = 'admin' WHERE id = $1`, [loser.userId])
      expect(winner.userId).toBe(left)
    }
  })

  it('never let a demoted admin act: with a third admin, exactly one of the two is demoted', async () => {
    const a = await signedInPerson('admin')
    const b = await signedInPerson('admin')
    const c = await signedInPerson('admin')
    for (const id of await admins()) if (![a, b, c].some((p) => p.userId === id)) await pool().query(`UPDATE auth_user SET role = 'viewer' WHERE id = $1`, [id])
    await race(a, b)
    const left = await admins()
    expect(left).toHaveLength(2)
    expect(left).toContain(c.userId)
  })
})
