import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { POST as addEntry } from '@/app/api/settings/outbound-allow/route'
import { DELETE as removeEntry } from '@/app/api/settings/outbound-allow/[id]/route'
import { loadAllowList } from '@/lib/net/load-allow-list'
import { resolveOutbound } from '@/lib/net/resolve-outbound'
import { jsonRequest, signedInPerson, type SignedInPerson } from '@/lib/testing/signed-in-person'

// The admins' outbound allow-list through its routes and PostgreSQL, and the guard reading it back.
let admin: SignedInPerson
beforeAll(async () => {
  admin = await signedInPerson('admin')
})

type Json = { data?: { id: number; entry: string; note: string }; error?: { code: string; fields?: { path: string }[] } }
const add = async (body: unknown) => {
  const res = await addEntry(jsonRequest('POST', '/api/settings/outbound-allow', admin.cookie, body), { params: Promise.resolve({}) })
  return { status: res.status, json: (await res.json()) as Json }
}
const remove = async (id: number) => (await removeEntry(jsonRequest('DELETE', `/api/settings/outbound-allow/${id}`, admin.cookie), { params: Promise.resolve({ id: String(id) }) })).status

describe('/api/settings/outbound-allow', () => {
  it('stores entries normalised, refuses duplicates and nonsense naming the field, and removes them with an audit trail', async () => {
    const name = `Status-${randomBytes(3).toString('hex')}.Corp.Test.`
    const host = await add({ entry: name, note: 'status page' })
    expect([host.status, host.json.data?.entry]).toEqual([201, name.toLowerCase().replace(/\.$/, '')])
    const again = await add({ entry: name.toLowerCase() })
    expect([again.status, again.json.error?.fields?.map((f) => f.path)]).toEqual([409, ['entry']])
    const range = await add({ entry: `10.${randomBytes(1)[0]}.7.9/16` })
    expect(range.status).toBe(201)
    expect(range.json.data!.entry).toMatch(/^10\.\d+\.0\.0\/16$/)
    for (const bad of ['http://x.test/', '10.0.0.0/33', 'a b', '']) {
      const r = await add({ entry: bad })
      expect([bad, r.status, r.json.error?.fields?.map((f) => f.path)]).toEqual([bad, 422, ['entry']])
    }
    // the guard sees the list at once (the worker at its next reload)
    const list = await loadAllowList()
    const inRange = range.json.data!.entry.replace('0.0/16', '3.4')
    await expect(resolveOutbound(inRange, { allowList: list })).resolves.toMatchObject({ allowListed: true })
    expect(await remove(range.json.data!.id)).toBe(200)
    expect(await remove(range.json.data!.id)).toBe(404)
    await expect(resolveOutbound(inRange, { allowList: await loadAllowList() })).rejects.toThrow(/private address/)
    const { rows } = await pool().query('SELECT action FROM audit_event WHERE target_type = $1 AND target_id = $2 ORDER BY id', ['outbound-allow', String(range.json.data!.id)])
    expect(rows.map((r) => r.action)).toEqual(['outbound-allow.add', 'outbound-allow.remove'])
  })
})
