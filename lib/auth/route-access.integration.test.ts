import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Access } from '@/lib/auth/access'

// incident sources seal their secrets
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { ROUTE_ACCESS } = await import('@/lib/http/route')
const { createUser } = await import('@/lib/auth/users')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { generateApiToken } = await import('@/lib/auth/api-token')
const { insertApiToken } = await import('@/lib/queries/create-api-token')
const { withClient } = await import('@/lib/db')
const authRoute = await import('@/app/api/auth/[...all]/route')

// Every route under app/api x every kind of caller, through the real handlers and PostgreSQL.
// A route (or method) missing from RULES fails here: a new route must say who may call it.
const RULES: Record<string, Access> = {
  'GET /api/auth/[...all]': 'public',
  'POST /api/auth/[...all]': 'public',
  'GET /api/health': 'public',
  'POST /api/setup': 'public',
  'POST /api/webhooks/github': 'public',
  'POST /api/webhooks/gitlab': 'public',
  'POST /api/webhooks/incidents/[source]': 'public',
  'POST /api/webhooks/rollouts/[source]': 'public',
  'POST /api/webhooks/rollouts/[source]/[token]': 'public',
  'GET /api/v1/openapi.json': 'public',
  'POST /api/v1/deployments': 'ingest',
  'GET /api/v1/deployments': 'read',
  'POST /api/v1/incidents': 'ingest',
  'GET /api/v1/incidents': 'read',
  'POST /api/v1/pull-requests': 'ingest',
  'POST /api/v1/scans': 'ingest',
  'GET /api/v1/posture': 'read',
  'POST /api/v1/availability': 'ingest',
  'POST /api/v1/checks': 'maintain',
  'GET /api/v1/checks': 'read',
  'POST /api/v1/slos': 'maintain',
  'POST /api/v1/slos/import': 'maintain',
  'GET /api/v1/slos/export': 'read',
  'GET /api/v1/goals': 'read',
  'POST /api/v1/goals': 'maintain',
  'DELETE /api/v1/goals/[id]': 'maintain',
  'GET /api/v1/metrics': 'read',
  'GET /api/v1/metrics/[metric]/records': 'read',
  'GET /api/v1/metrics/strategies': 'read',
  'GET /api/v1/reports/quarterly': 'reports',
  'GET /api/dashboard/deployments': 'dashboard',
  'GET /api/dashboard/scorecard': 'dashboard',
  'GET /api/dashboard/services': 'dashboard',
  'GET /api/dashboard/github-imports': 'dashboard',
  'GET /api/dashboard/reports': 'dashboard',
  'POST /api/dashboard/reports': 'dashboard',
  'GET /api/dashboard/reports/[id]': 'dashboard',
  'GET /api/settings/audit': 'admin',
  'POST /api/settings/teams': 'admin',
  'PATCH /api/settings/teams/[slug]': 'admin',
  'POST /api/settings/services': 'maintain',
  'PATCH /api/settings/services/[slug]': 'maintain',
  'POST /api/settings/tokens': 'maintain',
  'DELETE /api/settings/tokens/[id]': 'maintain',
  'POST /api/settings/people': 'admin',
  'PATCH /api/settings/people/[id]': 'admin',
  'POST /api/settings/outbound-allow': 'admin',
  'DELETE /api/settings/outbound-allow/[id]': 'admin',
  'DELETE /api/settings/people/[id]': 'admin',
  'GET /api/settings/incident-sources': 'dashboard',
  'POST /api/settings/incident-sources': 'maintain',
  'DELETE /api/settings/incident-sources/[id]': 'maintain',
  'POST /api/settings/incident-sources/[id]/rules': 'maintain',
  'DELETE /api/settings/incident-sources/[id]/rules/[ruleId]': 'maintain',
  'GET /api/settings/rollout-sources': 'dashboard',
  'POST /api/settings/rollout-sources': 'maintain',
  'DELETE /api/settings/rollout-sources/[id]': 'maintain',
  'POST /api/dashboard/incidents': 'maintain',
  'PATCH /api/dashboard/incidents/[id]': 'maintain',
  'GET /api/settings/notification-channels': 'dashboard',
  'POST /api/settings/notification-channels': 'maintain',
  'PATCH /api/settings/notification-channels/[id]': 'maintain',
  'DELETE /api/settings/notification-channels/[id]': 'maintain',
  'POST /api/settings/notification-channels/[id]/test': 'maintain',
  'GET /api/settings/notification-channels/[id]/deliveries': 'dashboard',
}

// "maintain" routes that are people's work (lib/auth/require-person.ts): the team's own token gets 403 too.
const PEOPLE_ONLY = new Set([
  'POST /api/settings/services',
  'PATCH /api/settings/services/[slug]',
  'POST /api/settings/tokens',
  'DELETE /api/settings/tokens/[id]',
  'POST /api/dashboard/incidents',
  'PATCH /api/dashboard/incidents/[id]',
])

type Caller = 'anonymous' | 'viewer' | 'maintainerA' | 'maintainerB' | 'admin' | 'tokenA' | 'tokenAReadOnly' | 'tokenB'
const CALLERS: Caller[] = ['anonymous', 'viewer', 'maintainerA', 'maintainerB', 'admin', 'tokenA', 'tokenAReadOnly', 'tokenB']
type Outcome = 'allowed' | 401 | 403

// What each rule means for each caller. Requests name team A's resources, so team B's token and
// maintainer are refused wherever the rule is about a team. Ingest names only a service slug, and slugs
// are unique per team: team B's token writes to a service of its own of that slug (never to A's).
const EXPECT: Record<Exclude<Access, 'public'>, Record<Caller, Outcome>> = {
  ingest: { anonymous: 401, viewer: 403, maintainerA: 403, maintainerB: 403, admin: 403, tokenA: 'allowed', tokenAReadOnly: 403, tokenB: 'allowed' },
  read: {
    anonymous: 401,
    viewer: 'allowed',
    maintainerA: 'allowed',
    maintainerB: 'allowed',
    admin: 'allowed',
    tokenA: 'allowed',
    tokenAReadOnly: 'allowed',
    tokenB: 403,
  },
  reports: {
    anonymous: 401,
    viewer: 'allowed',
    maintainerA: 'allowed',
    maintainerB: 'allowed',
    admin: 'allowed',
    tokenA: 'allowed',
    tokenAReadOnly: 403,
    tokenB: 403,
  },
  maintain: { anonymous: 401, viewer: 403, maintainerA: 'allowed', maintainerB: 403, admin: 'allowed', tokenA: 'allowed', tokenAReadOnly: 403, tokenB: 403 },
  dashboard: {
    anonymous: 401,
    viewer: 'allowed',
    maintainerA: 'allowed',
    maintainerB: 'allowed',
    admin: 'allowed',
    tokenA: 403,
    tokenAReadOnly: 403,
    tokenB: 403,
  },
  admin: { anonymous: 401, viewer: 403, maintainerA: 403, maintainerB: 403, admin: 'allowed', tokenA: 403, tokenAReadOnly: 403, tokenB: 403 },
}

const apiDir = path.join(process.cwd(), 'app', 'api')
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return routeFiles(full)
    return name === 'route.ts' ? [full] : []
  })
}
const routePath = (file: string) => '/api/' + path.relative(apiDir, path.dirname(file)).split(path.sep).join('/')

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { [ROUTE_ACCESS]?: Access }
type Endpoint = { key: string; path: string; method: string; handler: Handler }

async function endpoints(): Promise<Endpoint[]> {
  const found: Endpoint[] = []
  for (const file of routeFiles(apiDir)) {
    const mod = (await import(file)) as Record<string, Handler>
    for (const method of METHODS) {
      if (mod[method]) found.push({ key: `${method} ${routePath(file)}`, path: routePath(file), method, handler: mod[method] })
    }
  }
  return found
}

// Team A's names; set in beforeAll.
let teamA: string
let serviceA: string
// team A's rows the settings and incident routes act on
let spareTokenA: number
let incidentA: number
// incident sources of team A: one the rule routes act on, and one per caller for the DELETE (each allowed call removes one)
let sourceA: number
const spareSourcesA: number[] = []
const spareGoalsA: number[] = []
// rollout sources of team A: one the webhooks post to, and one per caller for the DELETE
let rolloutSourceA: number
const spareRolloutSourcesA: number[] = []
// notification channels of team A: one the test, log and PATCH routes act on, one per caller for the DELETE
let channelA: number
const spareChannelsA: number[] = []
let subjectUserId: string
const PASSWORD = 'matrix password 1'
const credentials = {} as Record<Caller, Record<string, string>>

// A request each endpoint can act on (valid for the callers it allows), aimed at team A.
function requestFor(e: Endpoint): { url: string; init: RequestInit; params: Record<string, string> } {
  const at = '2026-05-01T10:00:00Z'
  const id = `m-${randomBytes(4).toString('hex')}`
  const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
  const bodies: Record<string, { query?: string; init?: RequestInit; params?: Record<string, string> }> = {
    'POST /api/v1/deployments': { init: json({ id, service: serviceA, environment: 'production', status: 'success', finishedAt: at }) },
    'GET /api/v1/deployments': { query: `team=${teamA}` },
    'POST /api/v1/incidents': { init: json({ id, service: serviceA, title: 'matrix', openedAt: at }) },
    'GET /api/v1/incidents': { query: `team=${teamA}` },
    'POST /api/v1/pull-requests': { init: json({ service: serviceA, number: 1 + randomBytes(2).readUInt16BE(), openedAt: at }) },
    'POST /api/v1/scans': {
      query: `service=${serviceA}`,
      init: {
        body: readFileSync(path.join(process.cwd(), 'lib/compliance/fixtures/scanners/trivy/debian-buster.json')),
        headers: { 'content-type': 'application/json' },
      },
    },
    'GET /api/v1/posture': { query: `service=${serviceA}&team=${teamA}` },
    'POST /api/v1/availability': { init: json({ service: serviceA, check: 'matrix', at, up: true }) },
    'POST /api/v1/checks': { init: json({ service: serviceA, team: teamA, name: 'matrix-http', kind: 'http', url: 'http://127.0.0.1:9/health' }) },
    'GET /api/v1/checks': { query: `team=${teamA}` },
    'POST /api/v1/slos': { init: json({ service: serviceA, team: teamA, target: 99.9 }) },
    'POST /api/v1/slos/import': {
      query: `team=${teamA}`,
      init: json({
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name: 'matrix' },
        spec: { service: serviceA, timeWindow: [{ duration: '30d', isRolling: true }], objectives: [{ target: 0.999 }] },
      }),
    },
    'GET /api/v1/slos/export': { query: `team=${teamA}&service=${serviceA}` },
    'GET /api/v1/goals': { query: `team=${teamA}` },
    'POST /api/v1/goals': { init: json({ team: teamA, service: serviceA, metric: 'changeFailureRate', target: 0.1 }) },
    'GET /api/v1/metrics': { query: `team=${teamA}&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z` },
    'GET /api/v1/metrics/[metric]/records': {
      query: `team=${teamA}&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z`,
      params: { metric: 'deploymentFrequency' },
    },
    'GET /api/v1/metrics/strategies': { query: `team=${teamA}&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z` },
    // every CSV route is called for its CSV (lib/openapi/document.test.ts lists them)
    'GET /api/v1/reports/quarterly': { query: `team=${teamA}&year=2026&quarter=1&format=csv` },
    'GET /api/dashboard/deployments': { query: 'format=csv' },
    'POST /api/dashboard/reports': { init: json({ team: teamA, year: 2026, quarter: 1, format: 'csv' }) },
    'GET /api/dashboard/reports/[id]': { params: { id: '2147483000' } },
    'GET /api/dashboard/scorecard': { query: 'range=7d&format=csv' },
    'GET /api/dashboard/services': { query: 'range=7d&format=csv' },
    'GET /api/settings/audit': { query: 'format=csv' },
    'POST /api/settings/teams': { init: json({ slug: id, name: 'Matrix team' }) },
    'PATCH /api/settings/teams/[slug]': { params: { slug: teamA }, init: json({ name: 'Matrix A' }) },
    'POST /api/settings/services': { init: json({ team: teamA, slug: id }) },
    'PATCH /api/settings/services/[slug]': { query: `team=${teamA}`, params: { slug: serviceA }, init: json({ name: 'Matrix service' }) },
    'POST /api/settings/tokens': { init: json({ team: teamA, name: 'matrix', scopes: ['read'] }) },
    'DELETE /api/settings/tokens/[id]': { params: { id: String(spareTokenA) } },
    'POST /api/settings/people': { init: json({ email: `${id}@example.com`, name: 'Matrix person', role: 'viewer' }) },
    'PATCH /api/settings/people/[id]': { params: { id: subjectUserId }, init: json({ role: 'viewer', teams: [] }) },
    'POST /api/settings/outbound-allow': { init: json({ entry: `${id}.matrix.test`, note: 'matrix' }) },
    'DELETE /api/settings/outbound-allow/[id]': { params: { id: '2147483000' } },
    // nobody by that id: an admin gets 404 (allowed), everyone else 401/403
    'DELETE /api/settings/people/[id]': { params: { id: 'no-such-person' } },
    'POST /api/dashboard/incidents': { init: json({ service: serviceA, team: teamA, title: 'matrix' }) },
    'PATCH /api/dashboard/incidents/[id]': { params: { id: String(incidentA) }, init: json({ outage: true }) },
    'GET /api/auth/[...all]': { params: { all: 'get-session' } },
    'POST /api/auth/[...all]': { params: { all: 'no-such-endpoint' } },
    'POST /api/setup': { init: json({ token: 'not-a-setup-token', name: 'x', email: 'x@example.com', password: '0123456789' }) },
    'POST /api/webhooks/github': { init: json({ zen: 'unsigned' }) },
    'POST /api/webhooks/gitlab': { init: json({ object_kind: 'deployment' }) },
    'POST /api/webhooks/incidents/[source]': { params: { source: String(sourceA) }, init: json({ event: {} }) },
    'POST /api/settings/incident-sources': { init: json({ team: teamA, kind: 'alertmanager', name: id }) },
    'POST /api/webhooks/rollouts/[source]': { params: { source: String(rolloutSourceA) }, init: json({ name: 'matrix', namespace: 'matrix' }) },
    'POST /api/webhooks/rollouts/[source]/[token]': { params: { source: String(rolloutSourceA), token: 'not-the-token' }, init: json({ name: 'matrix' }) },
    'POST /api/settings/rollout-sources': { init: json({ team: teamA, kind: 'flagger', name: id }) },
    get 'DELETE /api/settings/rollout-sources/[id]'() {
      return { params: { id: String(spareRolloutSourcesA.shift() ?? rolloutSourceA) } }
    },
    'POST /api/settings/incident-sources/[id]/rules': { params: { id: String(sourceA) }, init: json({ match: 'tag', value: id, service: serviceA }) },
    // no such rule of team A's source: its writers get 404 (allowed), others 401/403
    'DELETE /api/settings/incident-sources/[id]/rules/[ruleId]': { params: { id: String(sourceA), ruleId: '2147483000' } },
    // a public address: judged without a DNS lookup
    'POST /api/settings/notification-channels': {
      init: json({ team: teamA, kind: 'webhook', name: id, url: 'https://93.184.215.14/hook', events: ['digest'] }),
    },
    'PATCH /api/settings/notification-channels/[id]': { params: { id: String(channelA) }, init: json({ enabled: true }) },
    'POST /api/settings/notification-channels/[id]/test': { params: { id: String(channelA) } },
    'GET /api/settings/notification-channels/[id]/deliveries': { params: { id: String(channelA) } },
    get 'DELETE /api/settings/notification-channels/[id]'() {
      return { params: { id: String(spareChannelsA.shift() ?? 2147483000) } }
    },
    // a goal of team A per caller (a getter, like the sources below): each allowed call removes one
    get 'DELETE /api/v1/goals/[id]'() {
      return { params: { id: String(spareGoalsA.shift() ?? 2147483000) } }
    },
    // read only when this endpoint is called (a getter), so each call removes a source of its own
    get 'DELETE /api/settings/incident-sources/[id]'() {
      return { params: { id: String(spareSourcesA.shift() ?? sourceA) } }
    },
  }
  const spec = bodies[e.key] ?? {}
  const concrete = e.path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_all, name: string) => spec.params?.[name] ?? '')
  return { url: `http://localhost${concrete}${spec.query ? `?${spec.query}` : ''}`, init: { method: e.method, ...spec.init }, params: spec.params ?? {} }
}

async function call(e: Endpoint, caller: Caller): Promise<Response> {
  const { url, init, params } = requestFor(e)
  const headers = new Headers(init.headers)
  for (const [k, v] of Object.entries(credentials[caller])) headers.set(k, v)
  if (init.method !== 'GET') headers.set('origin', 'http://localhost')
  return e.handler(new Request(url, { ...init, headers }), { params: Promise.resolve(params) })
}

async function signedIn(email: string): Promise<Record<string, string>> {
  const res = await authRoute.POST(
    new Request('http://localhost/api/auth/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email, password: PASSWORD }),
      headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-forwarded-for': `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
    }),
  )
  expect(res.status).toBe(200)
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  }
}

let all: Endpoint[]
beforeAll(async () => {
  const url = process.env.DATABASE_URL!
  const a = await seedTeamWithToken(url, 'matrix-a')
  const b = await seedTeamWithToken(url, 'matrix-b')
  teamA = a.team
  serviceA = uniqueSlug('matrix-svc')
  const readOnly = generateApiToken()
  await withClient(url, async (client) => {
    await client.query('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2)', [a.teamId, serviceA])
    const tokenId = await insertApiToken(client, { teamId: a.teamId, name: 'read only', prefix: readOnly.prefix, hash: readOnly.hash })
    await client.query(`UPDATE api_token SET scopes = '{read}' WHERE id = $1`, [tokenId])
    const spare = generateApiToken()
    spareTokenA = await insertApiToken(client, { teamId: a.teamId, name: 'revoked by the matrix', prefix: spare.prefix, hash: spare.hash })
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO incident (service_id, source, external_id, title, opened_at) SELECT id, 'manual', $2, 'matrix', now() FROM service WHERE slug = $1 RETURNING id`,
      [serviceA, uniqueSlug('matrix-incident')],
    )
    incidentA = rows[0]!.id
    const source = async (name: string) =>
      (
        await client.query<{ id: number }>(
          `INSERT INTO incident_source (team_id, kind, name, secret_enc) VALUES ($1, 'alertmanager', $2, 'not-sealed') RETURNING id`,
          [a.teamId, name],
        )
      ).rows[0]!.id
    sourceA = await source(uniqueSlug('matrix-source'))
    for (const _caller of CALLERS) spareSourcesA.push(await source(uniqueSlug('matrix-spare-source')))
    const channel = async (name: string) =>
      (
        await client.query<{ id: number }>(
          `
      INSERT INTO notification_channel (team_id, kind, name, events, target, secret_enc)
      VALUES ($1, 'webhook', $2, '{digest}', 'https://93.184.215.14/…', 'not-sealed') RETURNING id`,
          [a.teamId, name],
        )
      ).rows[0]!.id
    channelA = await channel(uniqueSlug('matrix-channel'))
    for (const _caller of CALLERS) spareChannelsA.push(await channel(uniqueSlug('matrix-spare-channel')))
    for (const _caller of CALLERS) {
      spareGoalsA.push(
        (
          await client.query<{ id: number }>(
            `WITH s AS (INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id)
        INSERT INTO goal (team_id, service_id, metric, target) SELECT $1, id, 'leadTime', 86400 FROM s RETURNING id`,
            [a.teamId, uniqueSlug('matrix-goal')],
          )
        ).rows[0]!.id,
      )
    }
    const rolloutSource = async (name: string) =>
      (
        await client.query<{ id: number }>(
          `INSERT INTO rollout_source (team_id, kind, name, secret_enc) VALUES ($1, 'flagger', $2, 'not-sealed') RETURNING id`,
          [a.teamId, name],
        )
      ).rows[0]!.id
    rolloutSourceA = await rolloutSource(uniqueSlug('matrix-rollouts'))
    for (const _caller of CALLERS) spareRolloutSourcesA.push(await rolloutSource(uniqueSlug('matrix-spare-rollouts')))
  })
  const person = async (role: 'admin' | 'maintainer' | 'viewer', teamIds: number[]) => {
    const email = `matrix-${role}-${randomBytes(4).toString('hex')}@example.com`
    await createUser({ email, name: `Matrix ${role}`, role, teamIds, password: PASSWORD })
    return signedIn(email)
  }
  subjectUserId = await createUser({
    email: `matrix-subject-${randomBytes(4).toString('hex')}@example.com`,
    name: 'Matrix subject',
    role: 'viewer',
    teamIds: [],
  })
  credentials.anonymous = {}
  credentials.viewer = await person('viewer', [])
  credentials.maintainerA = await person('maintainer', [a.teamId])
  credentials.maintainerB = await person('maintainer', [b.teamId])
  credentials.admin = await person('admin', [])
  credentials.tokenA = { authorization: `Bearer ${a.token}` }
  credentials.tokenAReadOnly = { authorization: `Bearer ${readOnly.token}` }
  credentials.tokenB = { authorization: `Bearer ${b.token}` }
  all = await endpoints()
})

describe('route x caller access matrix', () => {
  it('every route under app/api declares a rule, and the rule is the one in this table', () => {
    const declared = Object.fromEntries(all.map((e) => [e.key, e.handler[ROUTE_ACCESS] ?? 'NO RULE']))
    expect(declared).toEqual(RULES)
  })

  it("answers every caller as the route's rule says (and never 5xx)", async () => {
    const failures: string[] = []
    for (const e of all) {
      const rule = RULES[e.key]
      if (!rule) continue
      const seen: number[] = []
      for (const caller of CALLERS) {
        const res = await call(e, caller)
        seen.push(res.status)
        const body = res.status >= 400 ? (await res.text()).slice(0, 160) : ''
        if (res.status >= 500) failures.push(`${e.key} as ${caller}: ${res.status} ${body}`)
        if (rule === 'public') continue
        const want = PEOPLE_ONLY.has(e.key) && caller === 'tokenA' ? 403 : EXPECT[rule][caller]
        const ok = want === 'allowed' ? res.status !== 401 && res.status !== 403 : res.status === want
        if (!ok) failures.push(`${e.key} as ${caller}: want ${want}, got ${res.status} ${body}`)
      }
      // a public route does not care who calls
      if (rule === 'public' && !e.key.includes('/api/auth/') && new Set(seen).size !== 1)
        failures.push(`${e.key}: public but answers differ by caller: ${seen.join(',')}`)
    }
    expect(failures).toEqual([])
  })

  it('refuses a cookie-authenticated change from another site (CSRF) but not a token call', async () => {
    const e = all.find((x) => x.key === 'POST /api/v1/slos')!
    const { url, init } = requestFor(e)
    const csrf = (extra: Record<string, string>) =>
      e.handler(new Request(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...extra } }), { params: Promise.resolve({}) })
    expect((await csrf({ ...credentials.admin, origin: 'https://evil.example' })).status).toBe(403)
    expect((await csrf({ ...credentials.admin, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await csrf({ ...credentials.admin })).status).toBe(403)
    expect((await csrf({ ...credentials.admin, origin: 'http://localhost' })).status).toBe(200)
    expect((await csrf({ ...credentials.tokenA, origin: 'https://evil.example' })).status).toBe(200)
  })
})
