import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } = await import('@/lib/testing/seed-team')
const { addIncidentSource, addSourceRule, incidentSourcesFor } = await import('@/lib/settings/manage-incident-sources')
const { POST } = await import('@/app/api/webhooks/incidents/[source]/route')

// The vendors' payloads (lib/incident-sources/fixtures/README.md) posted to the real route, signed or
// authenticated as each vendor does, into the real database.
const bytes = (path: string) => readFileSync(`lib/incident-sources/fixtures/${path}`)
const fixture = (path: string) => JSON.parse(bytes(path).toString('utf8')) as Record<string, any>
const who = { actor: { userId: null, email: 'test@example.com', role: 'admin' }, ip: null, userAgent: null } as never

type PostedEvent = { vendorIncidentId: string; state: string; incidentId: number | null; note: string | null }
type Posted = { status: number; body: { data?: { events: PostedEvent[] }; error?: { code: string } } }
async function post(sourceId: number, body: string | Buffer, headers: Record<string, string>): Promise<Posted> {
  const res = await POST(new Request(`http://localhost/api/webhooks/incidents/${sourceId}`, {
    method: 'POST', body: new Uint8Array(Buffer.from(body)), headers: { 'content-type': 'application/json', ...headers },
  }), { params: Promise.resolve({ source: String(sourceId) }) })
  return { status: res.status, body: await res.json() }
}

type StoredIncident = {
  externalId: string; source: string; title: string; severity: string | null; openedAt: Date; resolvedAt: Date | null; outage: boolean; updatedAt: Date
}
const incidentsOf = (service: string) => queryRows<StoredIncident>(pool(), sql`
  SELECT i.external_id AS "externalId", i.source, i.title, i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt",
    i.is_outage AS outage, i.updated_at AS "updatedAt"
  FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = ${service} ORDER BY i.external_id`)
const eventCount = async (sourceId: number) => (
  await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM incident_source_event WHERE source_id = ${sourceId}`)
)[0]!.n

let seeded: Awaited<ReturnType<typeof seedTeamWithToken>>
const services = {
  api: uniqueSlug('src-api'), payments: uniqueSlug('src-pay'), nodes: uniqueSlug('src-nodes'), db: uniqueSlug('src-db'), alerts: uniqueSlug('src-og'),
}

beforeAll(async () => {
  seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'src')
  for (const slug of Object.values(services)) await pool().query(sql`INSERT INTO service (team_id, slug, name) VALUES (${seeded.teamId}, ${slug}, ${slug})`)
})

const principal = () => tokenPrincipalOf(seeded)
async function source(kind: 'pagerduty' | 'opsgenie' | 'incident_io' | 'alertmanager', secret?: string) {
  return addIncidentSource(principal(), who, { team: seeded.team, kind, name: uniqueSlug(kind), secret })
}

describe('PagerDuty V3 webhooks', () => {
  const secret = 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK'
  const sign = (body: Buffer | string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`
  // one incident's life from the captured deliveries: the acknowledgement and resolution (of other incidents
  // in the capture) re-aimed at the triggered incident PFQZPSY, with event ids and times of their own
  const aimed = (path: string, eventId: string, at: string) => {
    const f = fixture(path)
    return JSON.stringify({ event: { ...f.event, id: eventId, occurred_at: at, data: { ...f.event.data, id: 'PFQZPSY' } } })
  }

  it('the documented test vector is accepted as signed; triggered, acknowledged, resolved make one incident; a replay changes nothing', async () => {
    const s = await source('pagerduty', secret)
    await addSourceRule(principal(), who, s.id, { match: 'service', value: 'API Service', service: services.api })
    await addSourceRule(principal(), who, s.id, { match: 'service', value: 'PA2P440', service: services.db })
    const vectorHeader = { 'x-pagerduty-signature': 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd' }
    const vector = await post(s.id, bytes('pagerduty/go-pagerduty-signed-body.json'), vectorHeader)
    expect(vector.status).toBe(200)
    expect(vector.body.data!.events[0]).toMatchObject({ vendorIncidentId: 'PGR0VU2', state: 'applied' })
    expect(await incidentsOf(services.api)).toEqual([
      expect.objectContaining({ externalId: 'PGR0VU2', source: 'pagerduty', severity: 'critical', resolvedAt: null }),
    ])

    const triggered = bytes('pagerduty/zulip-incident.triggered.json')
    expect((await post(s.id, triggered, { 'x-pagerduty-signature': sign(triggered) })).body.data!.events[0]!.note).toMatch(/^created/)
    const ack = aimed('pagerduty/zulip-incident.acknowledged.json', 'ack-1', '2021-06-04T13:40:00.000Z')
    expect((await post(s.id, ack, { 'x-pagerduty-signature': sign(ack) })).body.data!.events[0]!.state).toBe('applied')
    const resolved = aimed('pagerduty/zulip-incident.resolved.json', 'resolve-1', '2021-06-04T14:05:00.000Z')
    expect((await post(s.id, resolved, { 'x-pagerduty-signature': sign(resolved) })).status).toBe(200)
    const [incident] = await incidentsOf(services.db)
    expect(incident).toMatchObject({
      externalId: 'PFQZPSY', openedAt: new Date('2021-06-04T13:35:29.781Z'), resolvedAt: new Date('2021-06-04T14:05:00.000Z'), severity: 'high',
    })

    // the same deliveries again (PagerDuty retries): duplicates; and the trigger arriving late does not reopen it
    const again = await post(s.id, resolved, { 'x-pagerduty-signature': sign(resolved) })
    expect(again.body.data!.events[0]).toMatchObject({ state: 'duplicate' })
    const late = aimed('pagerduty/zulip-incident.triggered.json', 'late-trigger', '2021-06-04T13:50:00.000Z')
    expect((await post(s.id, late, { 'x-pagerduty-signature': sign(late) })).body.data!.events[0]).toMatchObject({ state: 'stale' })
    expect(await incidentsOf(services.db)).toEqual([incident])
  })

  it('a wrong, missing or other-secret signature is 401 and stores nothing', async () => {
    const s = await source('pagerduty', secret)
    await addSourceRule(principal(), who, s.id, { match: 'service', value: 'API Service', service: services.api })
    const body = bytes('pagerduty/go-pagerduty-signed-body.json')
    const otherSecret = `v1=${createHmac('sha256', 'another secret').update(body).digest('hex')}`
    for (const header of ['v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5', otherSecret]) {
      const res = await post(s.id, body, { 'x-pagerduty-signature': header })
      expect(res.status).toBe(401)
    }
    expect((await post(s.id, body, {})).status).toBe(401)
    // a source that does not exist answers as a wrong credential does
    expect((await post(2_000_000_000, body, { 'x-pagerduty-signature': sign(body) })).status).toBe(401)
    expect(await eventCount(s.id)).toBe(0)
  })
})

describe('Opsgenie webhooks', () => {
  it('create, acknowledge, close one alert (the close carries no tags: it stays with its service); unmapped alerts are listed', async () => {
    const s = await source('opsgenie')
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    await addSourceRule(principal(), who, s.id, { match: 'tag', value: 'tag1', service: services.alerts })
    const basic = { authorization: `Basic ${Buffer.from(`opsgenie:${s.token}`).toString('base64')}` }
    const header = { 'x-plimsoll-token': s.token! }
    const created = await post(s.id, bytes('opsgenie/docs-create.json'), basic)
    expect(created.body.data!.events[0]).toMatchObject({ vendorIncidentId: '052652ac-5d1c-464a-812a-7dd18bbfba8c', state: 'applied' })
    // the documented Create, as the Acknowledge of the same alert (action changed here)
    const ack = JSON.stringify({ ...fixture('opsgenie/docs-create.json'), action: 'Acknowledge' })
    expect((await post(s.id, ack, header)).body.data!.events[0]!.note).toMatch(/^unchanged/)
    const closed = await post(s.id, bytes('opsgenie/zulip-close.json'), header)
    expect(closed.body.data!.events[0]).toMatchObject({ state: 'applied', note: 'updated (mapped before)' })
    expect(await incidentsOf(services.alerts)).toEqual([expect.objectContaining({
      externalId: '052652ac-5d1c-464a-812a-7dd18bbfba8c', title: 'test alert', openedAt: new Date(1420452191104), resolvedAt: new Date(1420452374669),
    })])
    expect((await post(s.id, bytes('opsgenie/zulip-close.json'), header)).body.data!.events[0]!.state).toBe('duplicate')

    const unmapped = await post(s.id, bytes('opsgenie/zulip-create.json'), header)
    expect(unmapped.body.data!.events[0]).toMatchObject({ state: 'unmapped', incidentId: null })
    const listed = (await incidentSourcesFor(principal())).find((x) => x.id === s.id)!
    expect(listed.unmapped).toEqual([
      expect.objectContaining({ vendorIncidentId: 'ec03dad6-62c8-4c94-b38b-d88f398e900f', attributes: { services: ['Server'], tags: ['vip'], labels: {} } }),
    ])
  })

  it('a wrong token (header or basic auth) is 401 and stores nothing', async () => {
    const s = await source('opsgenie')
    await addSourceRule(principal(), who, s.id, { match: 'tag', value: 'vip', service: services.alerts })
    const wrongBasic = { authorization: `Basic ${Buffer.from('u:wrong').toString('base64')}` }
    for (const headers of [{ 'x-plimsoll-token': 'not-the-token' }, wrongBasic, {}] as Record<string, string>[]) {
      expect((await post(s.id, bytes('opsgenie/zulip-create.json'), headers)).status).toBe(401)
    }
    expect(await eventCount(s.id)).toBe(0)
  })
})

describe('incident.io webhooks', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const signed = (id: string, body: Buffer | string, at = Math.floor(Date.now() / 1000)) => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
    const signature = createHmac('sha256', key).update(`${id}.${at}.`).update(body).digest('base64')
    return { 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': `v1,${signature}` }
  }

  it('created, updated, closed: one incident; private incidents are kept as ignored; a replayed webhook-id changes nothing', async () => {
    const s = await source('incident_io', secret)
    await addSourceRule(principal(), who, s.id, { match: 'label', key: 'Affected Team', value: 'Product', service: services.db })
    const created = bytes('incident-io/public_incident.incident_created_v2.json')
    const first = await post(s.id, created, signed('msg_1', created))
    expect(first.body.data!.events[0]).toMatchObject({ state: 'applied', note: expect.stringMatching(/^created/) })
    const updated = bytes('incident-io/public_incident.incident_updated_v2.json')
    expect((await post(s.id, updated, signed('msg_2', updated))).body.data!.events[0]!.note).toMatch(/^unchanged/)
    // the spec's status_updated example is in category "triage"; here its status is set to category "closed"
    const f = fixture('incident-io/public_incident.incident_status_updated_v2.json')
    const key = 'public_incident.incident_status_updated_v2'
    const incident = { ...f[key].incident, incident_status: { ...f[key].incident.incident_status, category: 'closed' } }
    const closed = JSON.stringify({ ...f, [key]: { ...f[key], incident } })
    expect((await post(s.id, closed, signed('msg_3', closed))).status).toBe(200)
    expect(await incidentsOf(services.db)).toContainEqual(expect.objectContaining({
      externalId: '01FDAG4SAP5TYPT98WGR2N7W91', source: 'incident_io', title: 'INC-123 Our database is sad', severity: 'low',
      openedAt: new Date('2021-08-17T13:28:57.801Z'), resolvedAt: new Date('2021-08-17T13:28:57.801Z'),
    }))
    expect((await post(s.id, closed, signed('msg_3', closed))).body.data!.events[0]!.state).toBe('duplicate')
    const priv = bytes('incident-io/private_incident.incident_created_v2.json')
    expect((await post(s.id, priv, signed('msg_4', priv))).body.data!.events[0]).toMatchObject({ vendorIncidentId: 'abc123', state: 'ignored' })
  })

  it('a wrong signature, an old timestamp or a missing header is 401 and stores nothing', async () => {
    const s = await source('incident_io', secret)
    await addSourceRule(principal(), who, s.id, { match: 'label', key: 'Affected Team', value: 'Product', service: services.db })
    const body = bytes('incident-io/public_incident.incident_created_v2.json')
    const tampered = Buffer.from(body.toString('utf8').replace('Our database is sad', 'Our database is fine'))
    const old = signed('msg_old', body, Math.floor(Date.now() / 1000) - 600)
    const { 'webhook-signature': _dropped, ...unsigned } = signed('msg_x', body)
    for (const [payload, headers] of [[tampered, signed('msg_t', body)], [body, old], [body, unsigned]] as const) {
      expect((await post(s.id, payload, headers)).status).toBe(401)
    }
    expect(await eventCount(s.id)).toBe(0)
  })
})

describe('Alertmanager webhooks', () => {
  it('firing then resolved groups open and close one incident per alert; an unmapped alert is listed, then mapped', async () => {
    const s = await source('alertmanager')
    const auth = { authorization: `Bearer ${s.token}` }
    await addSourceRule(principal(), who, s.id, { match: 'label', key: 'namespace', value: 'payments', service: services.payments })
    const down = await post(s.id, bytes('alertmanager/01-firing-TargetDown.json'), auth)
    expect(down.body.data!.events).toEqual([expect.objectContaining({ vendorIncidentId: '53b8c8ab18095de8', state: 'unmapped' })])
    const firing = await post(s.id, bytes('alertmanager/02-firing-KubePodCrashLooping-2-alerts.json'), auth)
    expect(firing.body.data!.events.map((e) => e.state)).toEqual(['applied', 'applied'])
    const half = await post(s.id, bytes('alertmanager/03-firing-KubePodCrashLooping-1-resolved-1-firing.json'), auth)
    expect(half.body.data!.events.map((e) => e.note)).toEqual([expect.stringMatching(/^updated/), expect.stringMatching(/^unchanged/)])
    expect(await incidentsOf(services.payments)).toEqual([
      expect.objectContaining({
        externalId: '3e8d41cf3665139a', title: 'KubePodCrashLooping: Pod is crash looping.', severity: 'medium', outage: false,
        resolvedAt: new Date('2026-12-07T15:14:25Z'),
      }),
      expect.objectContaining({ externalId: '7bc9673e1940be83', resolvedAt: null }),
    ])
    const replay = await post(s.id, bytes('alertmanager/03-firing-KubePodCrashLooping-1-resolved-1-firing.json'), auth)
    expect(replay.body.data!.events.map((e) => e.state)).toEqual(['duplicate', 'duplicate'])

    const listed = (await incidentSourcesFor(principal())).find((x) => x.id === s.id)!
    expect(listed.unmapped.map((e) => [e.vendorIncidentId, e.attributes.labels.service])).toEqual([['53b8c8ab18095de8', ['node-exporter']]])
    await addSourceRule(principal(), who, s.id, { match: 'label', key: 'service', value: 'node-exporter', service: services.nodes })
    expect((await post(s.id, bytes('alertmanager/04-resolved-TargetDown.json'), auth)).body.data!.events[0]!.state).toBe('applied')
    expect(await incidentsOf(services.nodes)).toEqual([
      expect.objectContaining({ externalId: '53b8c8ab18095de8', severity: 'critical', outage: true, resolvedAt: expect.any(Date) }),
    ])
  })

  it('a wrong or missing bearer token is 401 and stores nothing', async () => {
    const s = await source('alertmanager')
    await addSourceRule(principal(), who, s.id, { match: 'label', key: 'namespace', value: 'payments', service: services.payments })
    const basic = { authorization: `Basic ${Buffer.from(`x:${s.token}`).toString('base64')}` }
    for (const headers of [{ authorization: 'Bearer wrong-token' }, basic, {}] as Record<string, string>[]) {
      expect((await post(s.id, bytes('alertmanager/02-firing-KubePodCrashLooping-2-alerts.json'), headers)).status).toBe(401)
    }
    expect(await eventCount(s.id)).toBe(0)
  })
})
