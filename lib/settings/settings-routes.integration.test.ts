import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

const { pool, queryRows } = await import('@/lib/db')
const { hashApiToken } = await import('@/lib/auth/api-token')
const { listApiTokens } = await import('@/lib/queries/create-api-token')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { jsonRequest, signedInPerson } = await import('@/lib/testing/signed-in-person')
const teams = await import('@/app/api/settings/teams/route')
const team = await import('@/app/api/settings/teams/[slug]/route')
const services = await import('@/app/api/settings/services/route')
const service = await import('@/app/api/settings/services/[slug]/route')
const tokens = await import('@/app/api/settings/tokens/route')
const token = await import('@/app/api/settings/tokens/[id]/route')
const people = await import('@/app/api/settings/people/route')
const person = await import('@/app/api/settings/people/[id]/route')
const metrics = await import('@/app/api/v1/metrics/route')

// The settings mutations through the real route handlers, Better Auth sessions and PostgreSQL.
type Seeded = Awaited<ReturnType<typeof seedTeamWithToken>>
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) })
const fieldsOf = async (res: Response) => ((await res.json()) as { error: { fields?: { path: string }[] } }).error.fields?.map((f) => f.path)
const metricsUrl = '/api/v1/metrics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'
// The audit events of one target, oldest first.
const auditOf = (type: string, id: string | number) =>
  queryRows<{ action: string; actorEmail: string; ip: string; userAgent: string; teamId: number | null; details: Record<string, unknown> }>(
    pool(),
    sql`
  SELECT action, actor_email AS "actorEmail", ip, user_agent AS "userAgent", team_id AS "teamId", details
  FROM audit_event WHERE target_type = ${type} AND target_id = ${String(id)} ORDER BY id`,
  )
const callMetrics = (secret: string) => metrics.GET(jsonRequest('GET', metricsUrl, null, undefined, { authorization: `Bearer ${secret}` }), ctx())

let a: Seeded, b: Seeded
let adminEmail: string, maintainerAEmail: string
let admin: string, maintainerA: string, maintainerB: string, maintainerAB: string, viewer: string
beforeAll(async () => {
  a = await seedTeamWithToken(process.env.DATABASE_URL!, 'set-a')
  b = await seedTeamWithToken(process.env.DATABASE_URL!, 'set-b')
  const signedIn = await Promise.all([
    signedInPerson('admin'),
    signedInPerson('maintainer', [a.teamId]),
    signedInPerson('maintainer', [b.teamId]),
    signedInPerson('maintainer', [a.teamId, b.teamId]),
    signedInPerson('viewer', [a.teamId]),
  ])
  ;[admin, maintainerA, maintainerB, maintainerAB, viewer] = signedIn.map((p) => p.cookie) as [string, string, string, string, string]
  ;[adminEmail, maintainerAEmail] = [signedIn[0].email, signedIn[1].email]
})

describe('teams (admins)', () => {
  it('an admin creates and renames a team; others get 403, strangers 401, tokens 403', async () => {
    const slug = uniqueSlug('t')
    const created = await teams.POST(jsonRequest('POST', '/api/settings/teams', admin, { slug, name: 'Payments' }), ctx())
    expect(created.status).toBe(201)
    expect((await created.json()).data).toMatchObject({ slug, name: 'Payments' })
    for (const cookie of [maintainerA, viewer])
      expect((await teams.POST(jsonRequest('POST', '/api/settings/teams', cookie, { slug: uniqueSlug('t'), name: 'x' }), ctx())).status).toBe(403)
    expect((await teams.POST(jsonRequest('POST', '/api/settings/teams', null, { slug: uniqueSlug('t'), name: 'x' }), ctx())).status).toBe(401)
    expect(
      (await teams.POST(jsonRequest('POST', '/api/settings/teams', null, { slug: uniqueSlug('t'), name: 'x' }, { authorization: `Bearer ${a.token}` }), ctx()))
        .status,
    ).toBe(403)

    const renamed = await team.PATCH(jsonRequest('PATCH', `/api/settings/teams/${slug}`, admin, { name: 'Payments & Billing' }), ctx({ slug }))
    expect([renamed.status, (await renamed.json()).data.name]).toEqual([200, 'Payments & Billing'])
    expect((await team.PATCH(jsonRequest('PATCH', `/api/settings/teams/${slug}`, maintainerAB, { name: 'Mine' }), ctx({ slug }))).status).toBe(403)
    const teamId = (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM team WHERE slug = ${slug}`))[0]!.id
    expect(await auditOf('team', teamId)).toEqual([
      { action: 'team.create', actorEmail: adminEmail, ip: '192.0.2.7', userAgent: 'vitest-browser', teamId, details: { slug, name: 'Payments' } },
      { action: 'team.rename', actorEmail: adminEmail, ip: '192.0.2.7', userAgent: 'vitest-browser', teamId, details: { name: 'Payments & Billing' } },
    ])
    expect((await team.PATCH(jsonRequest('PATCH', '/api/settings/teams/nope', admin, { name: 'x' }), ctx({ slug: uniqueSlug('none') }))).status).toBe(404)
  })

  it('422 names the field; a taken slug is 409; a cookie change without Origin is refused', async () => {
    const bad = await teams.POST(jsonRequest('POST', '/api/settings/teams', admin, { slug: 'Not a slug!', name: '' }), ctx())
    expect(bad.status).toBe(422)
    expect(await fieldsOf(bad)).toEqual(['slug', 'name'])
    expect((await teams.POST(jsonRequest('POST', '/api/settings/teams', admin, { slug: a.team, name: 'again' }), ctx())).status).toBe(409)
    const unknown = await team.PATCH(jsonRequest('PATCH', `/api/settings/teams/${a.team}`, admin, { name: 'x', slug: 'y' }), ctx({ slug: a.team }))
    expect([unknown.status, await fieldsOf(unknown)]).toEqual([422, ['slug']])
    // the weekly digest's time zone: an IANA name, set alone
    const zone = await team.PATCH(jsonRequest('PATCH', `/api/settings/teams/${a.team}`, admin, { timeZone: 'Mars/Olympus' }), ctx({ slug: a.team }))
    expect([zone.status, await fieldsOf(zone)]).toEqual([422, ['timeZone']])
    const berlin = await team.PATCH(jsonRequest('PATCH', `/api/settings/teams/${a.team}`, admin, { timeZone: 'Europe/Berlin' }), ctx({ slug: a.team }))
    expect((await berlin.json()).data).toMatchObject({ slug: a.team, timeZone: 'Europe/Berlin' })
    expect(await fieldsOf(await team.PATCH(jsonRequest('PATCH', `/api/settings/teams/${a.team}`, admin, {}), ctx({ slug: a.team })))).toEqual(['name'])
    const csrf = new Request('http://localhost/api/settings/teams', {
      method: 'POST',
      body: JSON.stringify({ slug: uniqueSlug('t'), name: 'x' }),
      headers: { cookie: admin, 'content-type': 'application/json' },
    })
    expect((await teams.POST(csrf, ctx())).status).toBe(403)
  })
})

describe('services (admins, maintainers of the teams involved)', () => {
  it("a maintainer creates, renames and maps a service of their team; other teams' maintainers and viewers get 403", async () => {
    const slug = uniqueSlug('svc')
    const body = { team: a.team, slug, name: 'Checkout', repositoryUrl: 'https://github.com/acme/Shop.git', pathPrefixes: ['/services/checkout/'] }
    const created = await services.POST(jsonRequest('POST', '/api/settings/services', maintainerA, body), ctx())
    expect(created.status).toBe(201)
    expect((await created.json()).data).toMatchObject({
      slug,
      name: 'Checkout',
      teamId: a.teamId,
      repositoryUrl: 'https://github.com/acme/shop',
      pathPrefixes: ['services/checkout/'],
    })
    for (const cookie of [maintainerB, viewer])
      expect((await services.POST(jsonRequest('POST', '/api/settings/services', cookie, { ...body, slug: uniqueSlug('svc') }), ctx())).status).toBe(403)
    expect(
      (
        await services.POST(
          jsonRequest('POST', '/api/settings/services', null, { ...body, slug: uniqueSlug('svc') }, { authorization: `Bearer ${a.token}` }),
          ctx(),
        )
      ).status,
    ).toBe(403)
    expect((await services.POST(jsonRequest('POST', '/api/settings/services', maintainerA, body), ctx())).status).toBe(409)
    const serviceId = (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${slug}`))[0]!.id
    expect((await auditOf('service', serviceId)).map((e) => [e.action, e.actorEmail, e.teamId])).toEqual([['service.create', maintainerAEmail, a.teamId]])

    const patch = (cookie: string, change: object) => service.PATCH(jsonRequest('PATCH', `/api/settings/services/${slug}`, cookie, change), ctx({ slug }))
    const mapped = await patch(maintainerA, { name: 'Checkout API', repositoryUrl: null, pathPrefixes: [] })
    expect([mapped.status, (await mapped.json()).data]).toEqual([200, expect.objectContaining({ name: 'Checkout API', repositoryUrl: null, pathPrefixes: [] })])
    // the SLO is editable here too (issue 27), by the same people
    const slo = await patch(maintainerA, { sloTarget: 99.999, sloWindow: 'calendar_month', sloIndicator: 'requests' })
    expect([slo.status, (await slo.json()).data]).toEqual([
      200,
      expect.objectContaining({ sloTarget: 99.999, sloWindow: 'calendar_month', sloIndicator: 'requests' }),
    ])
    const auto = await patch(admin, { sloIndicator: 'auto' })
    expect((await auto.json()).data).toMatchObject({ sloTarget: 99.999, sloIndicator: null })
    expect((await patch(maintainerB, { sloTarget: 99 })).status).toBe(403)
    expect([(await patch(admin, { sloWindow: 'rolling_7d' })).status, (await patch(admin, { sloTarget: 99.9999 })).status]).toEqual([422, 422])
    expect((await patch(maintainerB, { name: 'Taken over' })).status).toBe(403)
    expect((await patch(viewer, { name: 'x' })).status).toBe(403)
    const notFound = await service.PATCH(jsonRequest('PATCH', '/api/settings/services/x', admin, { name: 'x' }), ctx({ slug: uniqueSlug('none') }))
    expect(notFound.status).toBe(404)
  })

  it('moving needs both teams: a maintainer of one gets 403, a maintainer of both and an admin move it', async () => {
    const slug = uniqueSlug('svc')
    expect((await services.POST(jsonRequest('POST', '/api/settings/services', admin, { team: a.team, slug }), ctx())).status).toBe(201)
    const move = (cookie: string, to: string) => service.PATCH(jsonRequest('PATCH', `/api/settings/services/${slug}`, cookie, { team: to }), ctx({ slug }))
    expect((await move(maintainerA, b.team)).status).toBe(403)
    const moved = await move(maintainerAB, b.team)
    expect([moved.status, (await moved.json()).data.teamId]).toEqual([200, b.teamId])
    expect((await move(maintainerB, a.team)).status).toBe(403)
    const back = await move(admin, a.team)
    expect([back.status, (await back.json()).data.teamId]).toEqual([200, a.teamId])
    const events = await auditOf('service', (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${slug}`))[0]!.id)
    expect(events.map((e) => [e.action, e.teamId, e.details])).toEqual([
      ['service.create', a.teamId, { team: a.team, slug }],
      ['service.update', b.teamId, { team: b.team, fromTeam: a.team }],
      ['service.update', a.teamId, { team: a.team, fromTeam: b.team }],
    ])
  })

  it('bad bodies: 422 naming the field', async () => {
    const bad = await services.POST(jsonRequest('POST', '/api/settings/services', admin, { team: uniqueSlug('none'), slug: uniqueSlug('svc') }), ctx())
    expect([bad.status, await fieldsOf(bad)]).toEqual([422, ['team']])
    const prefixes = await services.POST(
      jsonRequest('POST', '/api/settings/services', admin, { team: a.team, slug: uniqueSlug('svc'), pathPrefixes: ['ok/', '../up'], repositoryUrl: 'ftp://x' }),
      ctx(),
    )
    expect([prefixes.status, await fieldsOf(prefixes)]).toEqual([422, ['repositoryUrl', 'pathPrefixes.1']])
  })
})

describe("API tokens (admins, maintainers of the token's team)", () => {
  const create = (cookie: string, body: object) => tokens.POST(jsonRequest('POST', '/api/settings/tokens', cookie, body), ctx())
  const revoke = (cookie: string, id: number) => token.DELETE(jsonRequest('DELETE', `/api/settings/tokens/${id}`, cookie), ctx({ id: String(id) }))

  it('creates a token shown once (only its hash is stored) that the API accepts with its scopes', async () => {
    const res = await create(maintainerA, { team: a.team, name: 'ci', scopes: ['ingest', 'read', 'read'] })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const { data } = await res.json()
    expect(data).toMatchObject({ team: a.team, name: 'ci', scopes: ['ingest', 'read'], expiresAt: null })
    expect(data.token).toMatch(/^pls_[A-Za-z0-9_-]{43}$/)
    expect(data.token.startsWith(data.prefix)).toBe(true)
    const [row] = await queryRows<Record<string, unknown>>(pool(), sql`SELECT * FROM api_token WHERE id = ${data.id}`)
    expect(row).toMatchObject({ hash: hashApiToken(data.token), scopes: ['ingest', 'read'], created_by: expect.any(String) })
    expect(JSON.stringify(row)).not.toContain(data.token)
    expect(JSON.stringify(await listApiTokens(pool(), a.team))).not.toContain(data.token)
    expect((await callMetrics(data.token)).status).toBe(200)
    const [event] = await auditOf('api_token', data.id)
    expect(event).toMatchObject({
      action: 'token.create',
      actorEmail: maintainerAEmail,
      teamId: a.teamId,
      details: { name: 'ci', prefix: data.prefix, scopes: ['ingest', 'read'] },
    })
    expect(JSON.stringify(event)).not.toContain(data.token)

    const ingestOnly = (await (await create(admin, { team: a.team, name: 'writer', scopes: ['ingest'] })).json()).data
    expect((await callMetrics(ingestOnly.token)).status).toBe(403)
  })

  it("other teams' maintainers and viewers get 403; bad bodies 422 with the field", async () => {
    for (const cookie of [maintainerB, viewer]) expect((await create(cookie, { team: a.team, name: 'x', scopes: ['read'] })).status).toBe(403)
    const noScopes = await create(admin, { team: a.team, name: 'x', scopes: [] })
    expect([noScopes.status, await fieldsOf(noScopes)]).toEqual([422, ['scopes']])
    const badScope = await create(admin, { team: a.team, name: 'x', scopes: ['admin'] })
    expect([badScope.status, await fieldsOf(badScope)]).toEqual([422, ['scopes.0']])
    const past = await create(admin, { team: a.team, name: 'x', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' })
    expect([past.status, await fieldsOf(past)]).toEqual([422, ['expiresAt']])
    const noTeam = await create(admin, { team: uniqueSlug('none'), name: 'x', scopes: ['read'] })
    expect([noTeam.status, await fieldsOf(noTeam)]).toEqual([422, ['team']])
  })

  it('a revoked token and an expired token get 401 on the API', async () => {
    const made = (
      await (await create(maintainerA, { team: a.team, name: 'short', scopes: ['read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).json()
    ).data
    expect((await callMetrics(made.token)).status).toBe(200)
    expect((await revoke(maintainerB, made.id)).status).toBe(403)
    expect((await revoke(viewer, made.id)).status).toBe(403)
    const revoked = await revoke(maintainerA, made.id)
    expect([revoked.status, (await revoked.json()).data.revoked]).toEqual([200, true])
    expect((await callMetrics(made.token)).status).toBe(401)
    expect((await (await revoke(admin, made.id)).json()).data.revoked).toBe(false)
    expect((await revoke(admin, 2_000_000_000)).status).toBe(404)
    expect((await auditOf('api_token', made.id)).map((e) => e.action)).toEqual(['token.create', 'token.revoke'])

    const expiring = (
      await (await create(admin, { team: a.team, name: 'expiring', scopes: ['read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).json()
    ).data
    await pool().query(sql`UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE id = ${expiring.id}`)
    expect((await callMetrics(expiring.token)).status).toBe(401)
  })
})

describe('people (admins)', () => {
  const add = (cookie: string, body: object) => people.POST(jsonRequest('POST', '/api/settings/people', cookie, body), ctx())

  it('an admin adds a person with teams and a first password, then changes their role and teams', async () => {
    const email = `${uniqueSlug('new')}@Example.com`
    const res = await add(admin, { email, name: 'New person', role: 'viewer', teams: [a.team], password: 'a long first password' })
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data).toMatchObject({ email: email.toLowerCase(), role: 'viewer', teamIds: [a.teamId] })
    const changed = await person.PATCH(
      jsonRequest('PATCH', `/api/settings/people/${data.userId}`, admin, { role: 'maintainer', teams: [b.team, a.team] }),
      ctx({ id: data.userId }),
    )
    expect([changed.status, (await changed.json()).data]).toEqual([
      200,
      expect.objectContaining({ role: 'maintainer', teamIds: [a.teamId, b.teamId].sort((x, y) => x - y) }),
    ])
    expect((await add(admin, { email, name: 'Again', role: 'viewer' })).status).toBe(409)
    const events = await auditOf('user', data.userId)
    expect(events.map((e) => [e.action, e.actorEmail, e.details.role, e.details.withPassword])).toEqual([
      ['person.create', adminEmail, 'viewer', true],
      ['person.update', adminEmail, 'maintainer', undefined],
    ])
    expect(JSON.stringify(events)).not.toContain('a long first password')
    for (const cookie of [maintainerAB, viewer]) {
      expect((await add(cookie, { email: `${uniqueSlug('x')}@example.com`, name: 'x', role: 'admin' })).status).toBe(403)
      expect(
        (await person.PATCH(jsonRequest('PATCH', `/api/settings/people/${data.userId}`, cookie, { role: 'admin', teams: [] }), ctx({ id: data.userId })))
          .status,
      ).toBe(403)
    }
    expect((await person.PATCH(jsonRequest('PATCH', '/api/settings/people/x', admin, { role: 'viewer', teams: [] }), ctx({ id: 'no-such-user' }))).status).toBe(
      404,
    )
  })

  it('bad bodies: 422 naming the field', async () => {
    const bad = await add(admin, { email: 'not-an-email', name: 'x', role: 'owner' })
    expect([bad.status, await fieldsOf(bad)]).toEqual([422, ['email', 'role']])
    const noTeam = await add(admin, { email: `${uniqueSlug('x')}@example.com`, name: 'x', role: 'viewer', teams: [uniqueSlug('none')] })
    expect([noTeam.status, await fieldsOf(noTeam)]).toEqual([422, ['teams']])
    const shortPassword = await add(admin, { email: `${uniqueSlug('x')}@example.com`, name: 'x', role: 'viewer', password: 'short' })
    expect([shortPassword.status, await fieldsOf(shortPassword)]).toEqual([422, ['password']])
  })
})
