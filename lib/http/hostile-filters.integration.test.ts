import { beforeAll, describe, expect, it } from 'vitest'
import { encodeCursor } from '@/lib/http/cursor'
import { seedTeamWithToken, type SeededTeam } from '@/lib/testing/seed-team'
import { jsonRequest, signedInPerson } from '@/lib/testing/signed-in-person'

const audit = await import('@/app/api/settings/audit/route')
const feed = await import('@/app/api/dashboard/deployments/route')
const reports = await import('@/app/api/dashboard/reports/[id]/route')
const deployments = await import('@/app/api/v1/deployments/route')
const incidents = await import('@/app/api/v1/incidents/route')
const records = await import('@/app/api/v1/metrics/[metric]/records/route')

// Filters and cursors that reached PostgreSQL as something it refuses (issue 18: a cursor holding a
// bad date, NUL in environment= or actor=, team=99999999999 on the audit log) and their siblings:
// each is a 422 naming the field, never a 500.
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
const badDate = encodeCursor(['not a date', 1])
const hugeId = encodeCursor([new Date().toISOString(), 2 ** 40])
const window = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'

let admin: string
let team: SeededTeam
beforeAll(async () => {
  admin = (await signedInPerson('admin')).cookie
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'hostile')
})

const cases: [string, Handler, string, string, Record<string, string>?][] = [
  ['audit: NUL in actor', audit.GET, '/api/settings/audit?actor=a%00b', 'actor'],
  ['audit: NUL in targetId', audit.GET, '/api/settings/audit?targetId=%00', 'targetId'],
  ['audit: team beyond int4', audit.GET, '/api/settings/audit?team=99999999999', 'team'],
  ['audit: a time PostgreSQL cannot hold', audit.GET, '/api/settings/audit?from=-100000-01-01T00:00:00Z', 'from'],
  ['feed: NUL in environment', feed.GET, '/api/dashboard/deployments?environment=prod%00', 'environment'],
  ['report id beyond int4', reports.GET, '/api/dashboard/reports/99999999999', 'id', { id: '99999999999' }],
  ['v1 deployments: a cursor with a bad date', deployments.GET, `/api/v1/deployments?cursor=${badDate}`, 'cursor'],
  ['v1 deployments: a cursor id beyond int4', deployments.GET, `/api/v1/deployments?cursor=${hugeId}`, 'cursor'],
  ['v1 deployments: NUL in any parameter', deployments.GET, '/api/v1/deployments?environment=%00', 'environment'],
  ['v1 incidents: a cursor with a bad date', incidents.GET, `/api/v1/incidents?cursor=${badDate}`, 'cursor'],
  ['v1 incidents: a cursor with year 0', incidents.GET, `/api/v1/incidents?cursor=${encodeCursor(['0000-01-01T00:00:00.000Z', 1])}`, 'cursor'],
  ['v1 records: an offset cursor beyond int4', records.GET, `/api/v1/metrics/deploymentFrequency/records?${window}&cursor=${encodeCursor([1e20])}`, 'cursor', { metric: 'deploymentFrequency' }],
]

describe('hostile filters and cursors', () => {
  it.each(cases)('%s: 422 naming the field', async (_, handler, path, field, params = {}) => {
    const v1 = path.startsWith('/api/v1/')
    const req = jsonRequest('GET', path, v1 ? null : admin, undefined, v1 ? { authorization: `Bearer ${team.token}` } : {})
    const res = await handler(req, { params: Promise.resolve(params) })
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(422)
    expect(body.error.fields.map((f: { path: string }) => f.path)).toContain(field)
  })

  it('a token id too long to be one names no token (200, nothing found)', async () => {
    const res = await audit.GET(jsonRequest('GET', '/api/settings/audit?format=json&actor=token:99999999999', admin), { params: Promise.resolve({}) })
    expect(res.status).toBe(200)
    expect((await res.json()).events).toEqual([])
  })
})
