import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Principal } from '@/lib/auth/principal'

// The channels API through its real handlers and PostgreSQL: create (secrets shown once, never listed), 422 per field,
// internal destinations refused at save time, rename and kinds, "send a test", the delivery log, removal.
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')
let principal: Principal | null = null
vi.mock('@/lib/auth/principal', async (original) => ({ ...(await original<object>()), resolvePrincipal: async () => principal }))

const { pool } = await import('@/lib/db')
const list = await import('@/app/api/settings/notification-channels/route')
const one = await import('@/app/api/settings/notification-channels/[id]/route')
const test = await import('@/app/api/settings/notification-channels/[id]/test/route')
const log = await import('@/app/api/settings/notification-channels/[id]/deliveries/route')
const { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } = await import('@/lib/testing/seed-team')

let team: Awaited<ReturnType<typeof seedTeamWithToken>>
const admin: Principal = { kind: 'user', userId: 'admin', email: 'admin@example.com', name: 'Admin', role: 'admin', teamIds: [] }
const ctx = (id?: number) => ({ params: Promise.resolve<Record<string, string>>(id === undefined ? {} : { id: String(id) }) })
const send = (method: string, body?: unknown, path = '') =>
  new Request(`http://localhost/api/settings/notification-channels${path}`, {
    method, headers: { 'content-type': 'application/json', origin: 'http://localhost' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
const create = async (body: Record<string, unknown>) => {
  const res = await list.POST(send('POST', { team: team.team, name: uniqueSlug('c'), ...body }), ctx())
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; error?: { fields?: { path: string; message: string }[] } } }
}

beforeAll(async () => {
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'channels')
  principal = admin
})

describe('notification channels API', () => {
  it('creates a signed webhook channel; the made secret is in that answer only, the URL\'s path never', async () => {
    const made = await create({ kind: 'webhook', url: 'https://93.184.215.14/hooks/T0/secret-path', events: ['digest', 'goal'] })
    expect(made.status).toBe(201)
    expect(made.body.data).toMatchObject({ team: team.team, kind: 'webhook', target: 'https://93.184.215.14/…', events: ['digest', 'goal'] })
    expect(String(made.body.data!.secret)).toMatch(/^[\w-]{32}$/)
    const listed = JSON.stringify(await (await list.GET(new Request('http://localhost/api/settings/notification-channels'), ctx())).json())
    expect(listed).toContain(String(made.body.data!.id))
    expect(listed).not.toContain('secret-path')
    expect(listed).not.toContain(String(made.body.data!.secret))
  })

  it.each([
    [{ kind: 'pager', url: 'https://93.184.215.14/' }, 'kind'],
    [{ kind: 'slack' }, 'url'],
    [{ kind: 'slack', url: 'ftp://93.184.215.14/' }, 'url'],
    [{ kind: 'slack', url: 'https://93.184.215.14/', events: [] }, 'events'],
    [{ kind: 'slack', url: 'https://93.184.215.14/', events: ['page'] }, 'events.0'],
    [{ kind: 'webhook', url: 'https://93.184.215.14/', secret: 'short' }, 'secret'],
    [{ kind: 'email', host: 'smtp.example.com', from: 'not an address', to: ['a@example.com'] }, 'from'],
    [{ kind: 'email', host: 'smtp.example.com', from: 'p@example.com', to: [] }, 'to'],
    [{ kind: 'email', host: 'smtp.example.com', port: 70000, from: 'p@example.com', to: ['a@example.com'] }, 'port'],
    [{ kind: 'slack', url: 'https://93.184.215.14/', extra: 1 }, 'extra'],
  ])('422 naming the field: %j', async (body, field) => {
    const res = await create(body)
    expect(res.status).toBe(422)
    expect(res.body.error!.fields!.map((f) => f.path)).toContain(field)
  })

  it.each([
    ['https://127.0.0.1/hook', 'url', 'loopback'],
    ['https://10.0.0.1/hook', 'url', 'private'],
    ['https://169.254.169.254/latest', 'url', 'metadata'],
    ['https://localhost/hook', 'url', 'resolves to a loopback address'],
    ['http://93.184.215.14/hook', 'url', 'must be https://'],
  ])('refuses %s at save time (422 on %s), storing nothing', async (url, field, reason) => {
    const name = uniqueSlug('refused')
    const res = await create({ kind: 'slack', url, name })
    expect(res.status).toBe(422)
    expect(res.body.error!.fields).toEqual([{ path: field, message: expect.stringContaining(reason) }])
    expect((await pool().query('SELECT 1 FROM notification_channel WHERE name = $1', [name])).rowCount).toBe(0)
  })

  it.each([['127.0.0.1'], ['10.0.0.1'], ['169.254.169.254'], ['localhost']])('refuses the SMTP host %s', async (host) => {
    const res = await create({ kind: 'email', host, from: 'p@example.com', to: ['a@example.com'] })
    expect(res.status).toBe(422)
    expect(res.body.error!.fields![0]!.path).toBe('host')
  })

  it('renames, changes kinds, queues a test, shows the log; another team\'s token may not; removes', async () => {
    const id = Number((await create({ kind: 'teams', url: 'https://93.184.215.14/webhookb2/x' })).body.data!.id)
    const patched = await one.PATCH(send('PATCH', { name: 'ops room', events: ['incident_opened'], enabled: false }, `/${id}`), ctx(id))
    expect((await patched.json()).data).toMatchObject({ id, name: 'ops room', events: ['incident_opened'], enabled: false })
    expect((await one.PATCH(send('PATCH', {}, `/${id}`), ctx(id))).status).toBe(422)
    // a disabled channel still takes its test: the button checks the channel itself
    expect((await test.POST(send('POST', undefined, `/${id}/test`), ctx(id))).status).toBe(202)
    const { rows } = await pool().query(`
      SELECT d.state, n.kind FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE d.channel_id = $1`, [id])
    expect(rows).toEqual([{ state: expect.stringMatching(/pending|queued|sending|sent|failed/), kind: 'test' }])
    const deliveries = await log.GET(new Request(`http://localhost/api/settings/notification-channels/${id}/deliveries?limit=500`), ctx(id))
    expect(deliveries.status).toBe(422)
    const fine = await log.GET(new Request(`http://localhost/api/settings/notification-channels/${id}/deliveries?limit=10`), ctx(id))
    expect(fine.status).toBe(200)
    expect(Array.isArray((await fine.json()).data)).toBe(true)
    principal = tokenPrincipalOf(await seedTeamWithToken(process.env.DATABASE_URL!, 'other'))
    expect((await one.DELETE(send('DELETE', undefined, `/${id}`), ctx(id))).status).toBe(403)
    principal = admin
    expect((await one.DELETE(send('DELETE', undefined, `/${id}`), ctx(id))).status).toBe(200)
    expect((await test.POST(send('POST', undefined, `/${id}/test`), ctx(id))).status).toBe(404)
  })
})
