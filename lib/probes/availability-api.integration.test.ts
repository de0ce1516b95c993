import type { TokenPrincipal } from '@/lib/auth/principal'
import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { POST as postResult } from '@/app/api/v1/availability/route'
import { GET as listChecks, POST as postCheck } from '@/app/api/v1/checks/route'
import { POST as postSlo } from '@/app/api/v1/slos/route'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { metricsQuery } from '@/lib/validation/metrics'
import { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } from '@/lib/testing/seed-team'

// POST /api/v1/availability and /api/v1/checks through the route handlers against PostgreSQL.
let token: string
let otherToken: string
let caller: TokenPrincipal
// a host name on the install's outbound allow-list (unique to this run; never looked up at creation)
const allowedHost = `${uniqueSlug('chk')}.test`
beforeAll(async () => {
  await pool().query('INSERT INTO outbound_allow (entry) VALUES ($1)', [allowedHost])
  const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'avail')
  token = seeded.token
  caller = tokenPrincipalOf(seeded)
  otherToken = (await seedTeamWithToken(process.env.DATABASE_URL!, 'avail-other')).token
})

type Json = { data: Record<string, any>; outcome?: string; error?: { code: string; message: string; fields?: { path: string; message: string }[] } }
async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, path: string, body?: unknown, t = token) {
  const res = await handler(new Request(`http://localhost${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body), headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
  }), { params: Promise.resolve({}) })
  return { status: res.status, json: (await res.json()) as Json }
}
const post = (body: unknown, t = token) => call(postResult, 'POST', '/api/v1/availability', body, t)
const at = (s: number) => new Date(Date.parse('2026-05-02T08:00:00Z') + s * 1000).toISOString()

describe('POST /api/v1/availability', () => {
  it('records external results: three failures open an outage incident from the first, the next pass resolves it', async () => {
    const service = uniqueSlug('ext')
    const statuses = []
    for (const [s, up] of [[0, true], [30, false], [60, false], [90, false], [120, true]] as const) {
      const r = await post({ service, check: 'synthetic login', at: at(s), up, latency: 120 })
      statuses.push([r.status, r.json.outcome, r.json.data.state, r.json.data.openedIncidentId !== null, r.json.data.resolvedIncidentId !== null])
    }
    expect(statuses).toEqual([
      [201, 'created', 'up', false, false], [201, 'created', 'down', false, false], [201, 'created', 'down', false, false],
      [201, 'created', 'down', true, false], [201, 'created', 'up', false, true],
    ])
    const { rows } = await pool().query('SELECT i.opened_at, i.resolved_at, i.source, i.is_outage FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = $1', [service])
    expect(rows).toEqual([{ opened_at: new Date(at(30)), resolved_at: new Date(at(120)), source: 'probe', is_outage: true }])
    // a replayed (or late) result changes nothing
    const replay = await post({ service, check: 'synthetic login', at: at(60), up: false })
    expect([replay.status, replay.json.outcome]).toEqual([200, 'unchanged'])
  })

  it.each([
    [{ check: 'x', at: at(0), up: true }, 'service'],
    [{ service: 'svc', at: at(0), up: true }, 'check'],
    [{ service: 'svc', check: 'x', at: '2026-05-02 08:00', up: true }, 'at'],
    [{ service: 'svc', check: 'x', at: at(0), up: 'yes' }, 'up'],
    [{ service: 'svc', check: 'x', at: at(0), up: true, latency: -1 }, 'latency'],
    [{ service: 'svc', check: 'x', at: at(0), up: true, colour: 'red' }, 'colour'],
  ])('422 naming the bad field (%#)', async (body, field) => {
    const r = await post(body)
    expect(r.status).toBe(422)
    expect(r.json.error!.fields!.map((f) => f.path)).toEqual([field])
  })

  it('refuses results without a token and for a check Plimsoll runs; another team\'s slug is a service of the caller\'s own', async () => {
    const res = await postResult(new Request('http://localhost/api/v1/availability', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }), { params: Promise.resolve({}) })
    expect(res.status).toBe(401)
    const service = uniqueSlug('mine')
    expect((await post({ service, check: 'x', at: at(0), up: true })).status).toBe(201)
    // slugs are unique per team: the other team's token reports for a service of its own of that slug
    expect((await post({ service, check: 'x', at: at(10), up: true }, otherToken)).status).toBe(201)
    expect((await call(postCheck, 'POST', '/api/v1/checks', { service, name: 'tcp', kind: 'tcp', host: allowedHost, port: 5432, intervalSeconds: 10, timeoutMs: 1000 })).status).toBe(201)
    const r = await post({ service, check: 'tcp', at: at(0), up: true })
    expect([r.status, r.json.error?.fields?.[0]?.path]).toEqual([422, 'check'])
  })
})

describe('POST and GET /api/v1/checks', () => {
  it('creates a check with defaults, updates it by name, and lists it with its state', async () => {
    const service = uniqueSlug('chk')
    const body = { service, name: 'health', kind: 'http', url: `https://${allowedHost}/health`, bodyContains: 'ok', intervalSeconds: 10, timeoutMs: 2000 }
    const created = await call(postCheck, 'POST', '/api/v1/checks', body)
    expect(created.status).toBe(201)
    expect(created.json.data).toMatchObject({ service, name: 'health', kind: 'http', method: 'GET', expectStatusMin: 200, expectStatusMax: 399, failureThreshold: 3, enabled: true, lastUp: null })
    const updated = await call(postCheck, 'POST', '/api/v1/checks', { ...body, failureThreshold: 5 })
    expect([updated.status, updated.json.data.id, updated.json.data.failureThreshold]).toEqual([200, created.json.data.id, 5])
    const list = await call(listChecks, 'GET', `/api/v1/checks?service=${service}`)
    expect(list.json.data).toHaveLength(1)
  })

  it.each([
    [{ kind: 'http', url: 'https://x.test', intervalSeconds: 5 }, 'intervalSeconds'],
    [{ kind: 'http', url: 'ftp://x.test' }, 'url'],
    [{ kind: 'http', url: 'https://x.test', intervalSeconds: 10, timeoutMs: 10_000 }, 'timeoutMs'],
    [{ kind: 'http', url: 'https://x.test', expectStatusMin: 300, expectStatusMax: 200 }, 'expectStatusMax'],
    [{ kind: 'tcp', host: 'db' }, 'port'],
    [{ kind: 'icmp' }, 'kind'],
  ])('422 naming the bad field (%#)', async (over, field) => {
    const r = await call(postCheck, 'POST', '/api/v1/checks', { service: 'svc', name: 'n', ...over })
    expect(r.status).toBe(422)
    expect(r.json.error!.fields!.map((f) => f.path)).toContain(field)
  })
})

describe('POST /api/v1/slos', () => {
  it('sets a service\'s target and window, which the metrics report\'s SLO then uses', async () => {
    const service = uniqueSlug('slo')
    const r = await call(postSlo, 'POST', '/api/v1/slos', { service, target: 99.95, window: 'calendar_quarter' })
    expect([r.status, r.json.data]).toEqual([200, { service, target: 99.95, window: 'calendar_quarter', indicator: 'auto' }])
    const report = await getMetricsReport(caller, metricsQuery.parse({ service, from: '2026-05-01T00:00:00Z', to: '2026-05-15T00:00:00Z' }), new Date('2026-05-15T00:00:00Z'))
    const [entry] = report.metrics.availability.summary.services as { slo: { target: number; window: string; from: Date; budget: { totalMinutes: number } } }[]
    expect(entry!.slo).toMatchObject({ target: 99.95, window: 'calendar_quarter', from: new Date('2026-04-01T00:00:00Z') })
    expect(entry!.slo.budget.totalMinutes).toBeCloseTo(0.0005 * 91 * 1440, 6)
  })

  it.each([
    [{ target: 100 }, 'target'],
    [{ target: 99.1234 }, 'target'],
    [{ window: 'rolling_7d' }, 'window'],
    [{ indicator: 'latency' }, 'indicator'],
  ])('422 naming the bad field (%#)', async (over, field) => {
    const r = await call(postSlo, 'POST', '/api/v1/slos', { service: 'svc', ...over })
    expect([r.status, r.json.error!.fields!.map((f) => f.path)]).toEqual([422, [field]])
  })
})
