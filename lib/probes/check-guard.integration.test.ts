import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { POST as postCheck } from '@/app/api/v1/checks/route'
import { upsertProbeCheck } from '@/lib/queries/probes/upsert-probe-check'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// POST /api/v1/checks through the route handler against PostgreSQL: targets on the service's own network
// are refused at creation in every spelling (no DNS traffic: literals, and names from /etc/hosts), bodyContains
// needs the allow-list, and a team's enabled checks are capped.
let token: string
let teamId: number
const allowedHost = `${uniqueSlug('guard')}.test`
const service = uniqueSlug('guarded')
beforeAll(async () => {
  const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'guard')
  token = seeded.token
  teamId = seeded.teamId
  await pool().query('INSERT INTO outbound_allow (entry) VALUES ($1)', [allowedHost])
})

type Json = { data?: Record<string, unknown>; error?: { code: string; message: string; fields?: { path: string; message: string }[] } }
async function create(body: Record<string, unknown>) {
  const res = await postCheck(new Request('http://localhost/api/v1/checks', {
    method: 'POST', body: JSON.stringify({ service, name: `c-${randomBytes(3).toString('hex')}`, intervalSeconds: 10, timeoutMs: 1000, ...body }),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  }), { params: Promise.resolve({}) })
  return { status: res.status, json: (await res.json()) as Json }
}

describe('POST /api/v1/checks refuses the service\'s own network', () => {
  it.each([
    'http://127.0.0.1:5432/', 'http://localhost/', 'http://[::1]/', 'http://0.0.0.0/', 'http://2130706433/', 'http://0177.0.0.1/',
    'http://0x7f.1/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://10.0.0.1/', 'http://192.168.0.10/', 'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://metadata.google.internal/', 'http://[fe80::1]/',
  ])('http %s: 422 on url, nothing stored', async (url) => {
    const before = await checkCount()
    const r = await create({ kind: 'http', url })
    expect([r.status, r.json.error?.fields?.map((f) => f.path)]).toEqual([422, ['url']])
    expect(r.json.error!.message).toMatch(/loopback|unspecified|private|carrier-grade|metadata|link-local/)
    expect(await checkCount()).toBe(before)
  })

  it.each(['127.0.0.1', 'localhost', '0177.0.0.1', '2130706433', '::1', '10.1.1.1', '169.254.169.254'])('tcp %s: 422 on host (no port scanning)', async (host) => {
    const r = await create({ kind: 'tcp', host, port: 5432 })
    expect([r.status, r.json.error?.fields?.map((f) => f.path)]).toEqual([422, ['host']])
  })

  it('accepts a public address, and an allow-listed name with bodyContains; refuses bodyContains elsewhere', async () => {
    expect((await create({ kind: 'http', url: 'https://93.184.215.14/health' })).status).toBe(201)
    const body = await create({ kind: 'http', url: 'https://93.184.215.14/health', bodyContains: 'ok' })
    expect([body.status, body.json.error?.fields?.map((f) => f.path)]).toEqual([422, ['bodyContains']])
    expect((await create({ kind: 'http', url: `http://${allowedHost}:8080/health`, bodyContains: 'ok' })).status).toBe(201)
    expect((await create({ kind: 'tcp', host: allowedHost.toUpperCase(), port: 5432 })).status).toBe(201)
  })
})

describe('a team\'s enabled checks are capped (PLIMSOLL_MAX_CHECKS_PER_TEAM, 100 by default)', () => {
  it('the 101st enabled check is a 409; updating one, or adding a disabled one, is not', async () => {
    const capped = uniqueSlug('capped')
    const { rows } = await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [teamId, capped])
    const existing = await checkCountOfTeam()
    for (let i = existing; i < 99; i++) {
      await upsertProbeCheck(pool(), rows[0]!.id, {
        name: `n${i}`, kind: 'tcp', method: 'GET', url: null, host: allowedHost, port: 1, expectStatusMin: 200, expectStatusMax: 399,
        bodyContains: null, timeoutMs: 1000, intervalSeconds: 60, failureThreshold: 3, enabled: true,
      })
    }
    const tcp = { service: capped, kind: 'tcp', host: allowedHost, port: 22 }
    expect((await create({ ...tcp, name: 'hundredth' })).status).toBe(201)
    const over = await create({ ...tcp, name: 'one too many' })
    expect([over.status, over.json.error?.code]).toEqual([409, 'CONFLICT'])
    expect(over.json.error!.message).toMatch(/100 enabled checks/)
    expect((await create({ ...tcp, name: 'hundredth', port: 23 })).status).toBe(200)
    expect((await create({ ...tcp, name: 'spare', enabled: false })).status).toBe(201)
    expect(await checkCountOfTeam()).toBe(100)
  })
})

async function checkCount() {
  return (await pool().query<{ n: number }>('SELECT count(*)::int AS n FROM probe_check')).rows[0]!.n
}
async function checkCountOfTeam() {
  return (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM probe_check c JOIN service s ON s.id = c.service_id
    WHERE s.team_id = $1 AND c.enabled AND c.kind <> 'external'`, [teamId])).rows[0]!.n
}
