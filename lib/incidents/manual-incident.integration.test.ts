import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

const { pool, queryRows } = await import('@/lib/db')
const { getMetricsReport } = await import('@/lib/engine/get-metrics-report')
const { metricsQuery } = await import('@/lib/validation/metrics')
const { buildScenario } = await import('@/lib/testing/metric-scenario')
const { seedTeamWithToken } = await import('@/lib/testing/seed-team')
const { jsonRequest, signedInPerson } = await import('@/lib/testing/signed-in-person')
const incidents = await import('@/app/api/dashboard/incidents/route')
const incident = await import('@/app/api/dashboard/incidents/[id]/route')

// Incidents opened and changed by hand through the real route handlers and PostgreSQL: the change
// failure rate follows a manual link (the incident triggers flag the deployment).
type Scenario = Awaited<ReturnType<typeof buildScenario>>
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) })
const fieldsOf = async (res: Response) => ((await res.json()) as { error: { fields?: { path: string }[] } }).error.fields?.map((f) => f.path)
const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }
const report = (s: Scenario) => getMetricsReport(s.caller, metricsQuery.parse({ ...window, service: s.services.api }), new Date('2026-04-15T00:00:00Z'))
const open = (cookie: string, body: object) => incidents.POST(jsonRequest('POST', '/api/dashboard/incidents', cookie, body), ctx())
const change = (cookie: string, id: number, body: object) => incident.PATCH(jsonRequest('PATCH', `/api/dashboard/incidents/${id}`, cookie, body), ctx({ id: String(id) }))

let s: Scenario
let deployments: Record<string, number>
let admin: string, maintainer: string, otherMaintainer: string, viewer: string
beforeAll(async () => {
  // the incident opens 8 days after the last deployment: past the 72 h attribution window, nothing is inferred
  s = await buildScenario(process.env.DATABASE_URL!, [
    { service: 'api', id: 'd1', at: '2026-03-05T00:00:00Z' },
    { service: 'api', id: 'd2', at: '2026-03-20T00:00:00Z' },
    { service: 'web', id: 'w1', at: '2026-03-06T00:00:00Z' },
  ])
  const rows = await queryRows<{ id: number; externalId: string }>(pool(), sql`
    SELECT d.id, d.external_id AS "externalId" FROM deployment d JOIN service sv ON sv.id = d.service_id
    WHERE sv.slug = ANY(${Object.values(s.services)}::text[])`)
  deployments = Object.fromEntries(rows.map((r) => [r.externalId, r.id]))
  const other = await seedTeamWithToken(process.env.DATABASE_URL!, 'inc-other')
  const people = await Promise.all([
    signedInPerson('admin'), signedInPerson('maintainer', [s.caller.teamId]), signedInPerson('maintainer', [other.teamId]), signedInPerson('viewer', [s.caller.teamId]),
  ])
  ;[admin, maintainer, otherMaintainer, viewer] = people.map((p) => p.cookie) as [string, string, string, string]
})

describe('incidents by hand', () => {
  it('a maintainer opens one; linking it to a deployment by hand counts that deployment as a change failure, unlinking undoes it', async () => {
    expect((await report(s)).metrics.changeFailureRate.summary).toMatchObject({ deployments: 2, failures: 0 })
    const created = await open(maintainer, { service: s.services.api, title: 'Checkout errors', severity: 'SEV2', openedAt: '2026-03-28T00:00:00Z' })
    expect(created.status).toBe(201)
    const { data } = await created.json()
    expect(data).toMatchObject({ source: 'manual', title: 'Checkout errors', severity: 'high', outage: false, resolvedAt: null, cause: null })

    const linked = await change(maintainer, data.id, { causeDeploymentId: deployments.d1 })
    expect(linked.status).toBe(200)
    expect((await linked.json()).data.cause).toMatchObject({ deploymentId: deployments.d1, externalId: 'd1', linkMethod: 'manual' })
    const [flag] = await queryRows<{ caused: boolean }>(pool(), sql`SELECT caused_incident AS caused FROM deployment WHERE id = ${deployments.d1!}`)
    expect(flag!.caused).toBe(true)
    expect((await report(s)).metrics.changeFailureRate.summary).toMatchObject({ deployments: 2, failures: 1, rate: 0.5, reasons: { incident: 1 } })

    expect((await change(admin, data.id, { causeDeploymentId: null })).status).toBe(200)
    expect((await report(s)).metrics.changeFailureRate.summary).toMatchObject({ failures: 0 })
    const events = await queryRows<{ action: string; teamId: number; ip: string; details: object }>(pool(), sql`
      SELECT action, team_id AS "teamId", ip, details FROM audit_event WHERE target_type = 'incident' AND target_id = ${String(data.id)} ORDER BY id`)
    expect(events.map((e) => [e.action, e.teamId, e.ip, e.details])).toEqual([
      ['incident.create', s.caller.teamId, '192.0.2.7',
        { service: s.services.api, team: s.caller.teamSlug, title: 'Checkout errors', severity: 'high', openedAt: '2026-03-28T00:00:00.000Z' }],
      ['incident.update', s.caller.teamId, '192.0.2.7', { causeDeploymentId: deployments.d1 }],
      ['incident.update', s.caller.teamId, '192.0.2.7', { causeDeploymentId: null }],
    ])
  })

  it('resolving it gives a time to restore; marking it as an outage sets the flag; a repeat is unchanged', async () => {
    const { data } = await (await open(admin, { service: s.services.api, title: 'Slow', openedAt: '2026-03-10T00:00:00Z' })).json()
    const resolved = await change(maintainer, data.id, { resolvedAt: '2026-03-10T02:00:00Z' })
    expect([resolved.status, (await resolved.json()).data.resolvedAt]).toEqual([200, '2026-03-10T02:00:00.000Z'])
    expect((await report(s)).metrics.timeToRestore.summary).toMatchObject({ count: 1, median: 2 * 3600 })
    const outage = await change(maintainer, data.id, { outage: true })
    expect((await outage.json()).data.outage).toBe(true)
    expect((await (await change(maintainer, data.id, { outage: true })).json()).outcome).toBe('unchanged')
    const [{ n }] = (await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM audit_event WHERE target_type = 'incident' AND target_id = ${String(data.id)}`)) as [{ n: number }]
    expect(n).toBe(3) // created, resolved, outage: the unchanged repeat is not an event
  })

  it('viewers and other teams\' maintainers get 403; API tokens too', async () => {
    const { data } = await (await open(maintainer, { service: s.services.api, title: 'Mine', openedAt: '2026-03-12T00:00:00Z' })).json()
    for (const cookie of [viewer, otherMaintainer]) {
      expect((await open(cookie, { service: s.services.api, title: 'x' })).status).toBe(403)
      expect((await change(cookie, data.id, { outage: true })).status).toBe(403)
    }
    const asToken = incidents.POST(jsonRequest('POST', '/api/dashboard/incidents', null, { service: s.services.api, title: 'x' }, { authorization: `Bearer ${s.token}` }), ctx())
    expect((await asToken).status).toBe(403)
  })

  it('bad bodies: 422 naming the field; an unknown incident is 404', async () => {
    const { data } = await (await open(maintainer, { service: s.services.api, title: 'Bad', openedAt: '2026-03-12T00:00:00Z' })).json()
    const cases: [object, string[]][] = [
      [{}, ['']],
      [{ causeDeploymentId: 'd1' }, ['causeDeploymentId']],
      [{ causeDeploymentId: deployments.w1 }, ['causeDeploymentId']],
      [{ resolvedAt: '2026-03-11T00:00:00Z' }, ['resolvedAt']],
      [{ outage: 'yes', title: 'x' }, ['outage', 'title']],
    ]
    for (const [body, fields] of cases) {
      const res = await change(maintainer, data.id, body)
      expect([res.status, await fieldsOf(res)]).toEqual([422, fields])
    }
    expect((await change(admin, 2_000_000_000, { outage: true })).status).toBe(404)
    const noService = await open(admin, { service: 'no-such-service-x', title: 'x' })
    expect([noService.status, await fieldsOf(noService)]).toEqual([422, ['service']])
    const noTitle = await open(admin, { service: s.services.api, title: ' ' })
    expect([noTitle.status, await fieldsOf(noTitle)]).toEqual([422, ['title']])
  })
})
