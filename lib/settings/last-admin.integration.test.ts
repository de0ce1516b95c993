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
