import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '@/lib/testing/test-database'

// The one-time setup link needs an install without admins: a database of its own (see last-admin).
const sharedUrl = process.env.DATABASE_URL!
const db = await createTestDatabase(process.env.TEST_PG_ADMIN_URL, 'setuplink')
process.env.DATABASE_URL = db.url

const { pool } = await import('@/lib/db')
const { firstAdminLink } = await import('@/lib/auth/first-admin')
const { createUser } = await import('@/lib/auth/users')
const { countAdmins } = await import('@/lib/queries/auth/users')
const setup = await import('@/app/api/setup/route')

afterAll(async () => {
  await pool().end()
  await db.drop()
  process.env.DATABASE_URL = sharedUrl
})

const use = (token: string, email: string) =>
  setup.POST(new Request('http://localhost/api/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name: 'First admin', email, password: 'correct horse battery' }),
  }), { params: Promise.resolve({}) })

const email = (label: string) => `${label}-${randomBytes(3).toString('hex')}@example.com`

describe('the one-time setup link', () => {
  it('a failed use (a taken email) leaves it usable', async () => {
    const link = (await firstAdminLink('http://localhost'))!
    const token = new URL(link).searchParams.get('token')!
    const taken = email('viewer')
    await createUser({ email: taken, name: 'Viewer', role: 'viewer', teamIds: [], password: 'correct horse battery' })
    expect((await use(token, taken)).status).toBe(409)
    expect(await countAdmins()).toBe(0)
    expect(await firstAdminLink('http://localhost')).not.toBeNull()
  })

  it('used 6 times at once, makes exactly one admin', async () => {
    const token = new URL((await firstAdminLink('http://localhost'))!).searchParams.get('token')!
    // the pool's connections open first, so the uses really overlap (else the first finishes while the rest connect)
    await Promise.all(Array.from({ length: 6 }, () => pool().query('SELECT 1')))
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => use(token, email(`admin${i}`)).then((r) => r.status)))
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 201).every((s) => s === 403)).toBe(true)
    expect(await countAdmins()).toBe(1)
    // and it is spent: a later use is refused too
    expect((await use(token, email('late'))).status).toBe(403)
  })
})
