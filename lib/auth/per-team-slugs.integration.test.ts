import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import * as deployments from '@/app/api/v1/deployments/route'
import * as incidents from '@/app/api/v1/incidents/route'
import * as scans from '@/app/api/v1/scans/route'
import * as availability from '@/app/api/v1/availability/route'
import * as checks from '@/app/api/v1/checks/route'
import * as slos from '@/app/api/v1/slos/route'
import * as metrics from '@/app/api/v1/metrics/route'
import * as records from '@/app/api/v1/metrics/[metric]/records/route'
import * as reports from '@/app/api/v1/reports/quarterly/route'
import * as posture from '@/app/api/v1/posture/route'
import { jsonRequest, signedInPerson } from '@/lib/testing/signed-in-person'
import { seedTeamWithToken, uniqueSlug, type SeededTeam } from '@/lib/testing/seed-team'

// Slugs are unique per team (issue 18): team A's token cannot learn that team B has service `x` (every answer
// is the one for a slug nobody has, byte for byte once the slug itself is blanked), and can use `x` for a
// service of its own without touching B's rows. Driven through the real route handlers with real tokens.
type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
let a: SeededTeam
let b: SeededTeam
const x = uniqueSlug('shared')
const nobody = uniqueSlug('nobody')
const allowedHost = `${uniqueSlug('slugs')}.test`
const window = 'from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z'

async function call(route: Route, method: string, url: string, token: string, body?: unknown, params: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }
  if (body !== undefined) init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body)
  const res = await route(new Request(`http://localhost${url}`, init), { params: Promise.resolve(params) })
  return { status: res.status, text: await res.text() }
}

const deployment = (service: string, id: string, status = 'success') =>
  ({ id, service, environment: 'production', status, finishedAt: '2026-04-10T10:00:00Z', commits: [{ sha: 'c0ffee1', committedAt: '2026-04-10T08:00:00Z' }] })

// B's rows, as a fingerprint to compare before and after A's writes
const rowsOfB = () => queryRows<Record<string, unknown>>(pool(), sql`
  SELECT s.id, s.name, s.slo_target::text AS slo, d.external_id AS deployment, d.status::text AS status, i.external_id AS incident, i.title,
    (SELECT count(*)::int FROM compliance_scan c WHERE c.service_id = s.id) AS scans,
    (SELECT count(*)::int FROM probe_check c WHERE c.service_id = s.id) AS checks
  FROM service s LEFT JOIN deployment d ON d.service_id = s.id LEFT JOIN incident i ON i.service_id = s.id
  WHERE s.team_id = ${b.teamId} ORDER BY 1, 4, 6`)

beforeAll(async () => {
  a = await seedTeamWithToken(process.env.DATABASE_URL!, 'slugs-a')
  b = await seedTeamWithToken(process.env.DATABASE_URL!, 'slugs-b')
  await pool().query('INSERT INTO outbound_allow (entry) VALUES ($1)', [allowedHost])
  // team B has service x with a deployment, an incident, a check and a scan
  expect((await call(deployments.POST, 'POST', '/api/v1/deployments', b.token, deployment(x, 'b-1'))).status).toBe(201)
  const incident = { id: 'b-inc', service: x, title: 'B down', openedAt: '2026-04-11T00:00:00Z' }
  expect((await call(incidents.POST, 'POST', '/api/v1/incidents', b.token, incident)).status).toBe(201)
  const check = { service: x, name: 'home', kind: 'http', url: `http://${allowedHost}/` }
  expect((await call(checks.POST, 'POST', '/api/v1/checks', b.token, check)).status).toBe(201)
  const trivy = readFileSync(path.join(import.meta.dirname, '../compliance/fixtures/scanners/trivy/alpine-310.json'))
  expect((await call(scans.POST, 'POST', `/api/v1/scans?service=${x}`, b.token, trivy)).status).toBe(201)
})

describe('service slugs are unique per team', () => {
  // every request a token can make that names a service, for a slug of team B's and for one nobody has
  const asks: [string, (slug: string) => Promise<{ status: number; text: string }>][] = [
    ['GET deployments', (s) => call(deployments.GET, 'GET', `/api/v1/deployments?service=${s}`, a.token)],
    ['GET incidents', (s) => call(incidents.GET, 'GET', `/api/v1/incidents?service=${s}`, a.token)],
    ['GET checks', (s) => call(checks.GET, 'GET', `/api/v1/checks?service=${s}`, a.token)],
    ['GET metrics', (s) => call(metrics.GET, 'GET', `/api/v1/metrics?service=${s}&${window}`, a.token)],
    ['GET metric records', (s) => call(records.GET, 'GET', `/api/v1/metrics/deploymentFrequency/records?service=${s}&${window}`, a.token,
      undefined, { metric: 'deploymentFrequency' })],
    ['GET quarterly report', (s) => call(reports.GET, 'GET', `/api/v1/reports/quarterly?service=${s}&year=2026&quarter=2&format=json`, a.token)],
    ['GET posture', (s) => call(posture.GET, 'GET', `/api/v1/posture?service=${s}`, a.token)],
    ['POST slos with team B named', (s) => call(slos.POST, 'POST', '/api/v1/slos', a.token, { service: s, team: b.team })],
  ]

  it.each(asks)('%s: another team\'s slug is answered exactly like a slug nobody has', async (_, ask) => {
    const [theirs, none] = [await ask(x), await ask(nobody)]
    expect(theirs.status).toBe(none.status)
    expect(theirs.text.replaceAll(x, 'SLUG')).toBe(none.text.replaceAll(nobody, 'SLUG'))
  })

  it('team A uses the same slug for a service of its own; team B\'s rows do not change', async () => {
    const before = await rowsOfB()
    expect(before.length).toBeGreaterThan(0)
    expect((await call(deployments.POST, 'POST', '/api/v1/deployments', a.token, deployment(x, 'b-1', 'failure'))).status).toBe(201)
    const incident = { id: 'b-inc', service: x, title: 'A took over?', openedAt: '2026-04-12T00:00:00Z' }
    expect((await call(incidents.POST, 'POST', '/api/v1/incidents', a.token, incident)).status).toBe(201)
    expect((await call(slos.POST, 'POST', '/api/v1/slos', a.token, { service: x, target: 95 })).status).toBe(200)
    const result = { service: x, check: 'external', at: '2026-04-12T00:00:00Z', up: false }
    expect((await call(availability.POST, 'POST', '/api/v1/availability', a.token, result)).status).toBe(201)
    const check = { service: x, name: 'home', kind: 'http', url: `http://${allowedHost}/a` }
    expect((await call(checks.POST, 'POST', '/api/v1/checks', a.token, check)).status).toBe(201)
    expect(await rowsOfB()).toEqual(before)

    // each team reads its own service x only
    const listed = async (token: string) => JSON.parse((await call(deployments.GET, 'GET', `/api/v1/deployments?service=${x}`, token)).text).data
      .map((d: { externalId: string; status: string }) => `${d.externalId}:${d.status}`)
    expect(await listed(a.token)).toEqual(['b-1:failure'])
    expect(await listed(b.token)).toEqual(['b-1:success'])
    const owners = await queryRows<{ teamId: number }>(pool(), sql`SELECT team_id AS "teamId" FROM service WHERE slug = ${x} ORDER BY team_id`)
    expect(owners.map((o) => o.teamId)).toEqual([a.teamId, b.teamId].sort((m, n) => m - n))
  })

  it('a person who may read both teams names the team; without it the answer says which teams have the slug', async () => {
    const admin = await signedInPerson('admin')
    const read = (query: string) =>
      metrics.GET(jsonRequest('GET', `/api/v1/metrics?service=${x}&${window}${query}`, admin.cookie), { params: Promise.resolve({}) })
    const ambiguous = await read('')
    expect(ambiguous.status).toBe(422)
    const teams = [a.team, b.team].sort().join(', ')
    expect((await ambiguous.json()).error.fields).toEqual([{ path: 'team', message: `service "${x}" is in several teams (${teams}): name one with team` }])
    const ofB = await read(`&team=${b.team}`)
    expect(ofB.status).toBe(200)
    expect((await ofB.json()).scope.services).toEqual([x])
  })
})
