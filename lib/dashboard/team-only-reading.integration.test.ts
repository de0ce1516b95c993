import { createHash } from 'node:crypto'
import sql from 'sql-template-tag'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Team-only reading on the dashboard (docs/security.md): every list and scope the pages and the web
// app's JSON routes read, against real PostgreSQL, for a reader of team A, next to an admin's 'all'.
// Set before anything reads the auth settings (authEnv caches them per module graph).
const previousScope = process.env.PLIMSOLL_READ_SCOPE
process.env.PLIMSOLL_READ_SCOPE = 'team'
afterAll(() => {
  if (previousScope === undefined) delete process.env.PLIMSOLL_READ_SCOPE
  else process.env.PLIMSOLL_READ_SCOPE = previousScope
})

const { pool, queryRows } = await import('@/lib/db')
const { buildScenario } = await import('@/lib/testing/metric-scenario')
const { jsonRequest, signedInPerson } = await import('@/lib/testing/signed-in-person')
const { listFilterOptions } = await import('@/lib/queries/list-filter-options')
const { getServicesTable } = await import('@/lib/dashboard/services-table')
const { teamScorecard } = await import('@/lib/dashboard/scorecard')
const { listIncidents } = await import('@/lib/queries/list-incidents')
const { listTeamServices } = await import('@/lib/queries/metrics/resolve-metric-scope')
const { insertReport } = await import('@/lib/queries/reports/insert-report')
const { listReports, findReportsBySha256, getReportContent } = await import('@/lib/queries/reports/list-reports')
const { resolveDashboardScope } = await import('@/lib/dashboard/resolve-dashboard-scope')
const { parseOverviewParams } = await import('@/lib/dashboard/overview-params')
const { getDeploymentFeed } = await import('@/lib/dashboard/deployment-feed')
const { getAvailabilityOverview } = await import('@/lib/dashboard/availability-overview')
const { getComplianceOverview } = await import('@/lib/compliance/compliance-overview')
const { listSettings } = await import('@/lib/queries/list-settings')
const { listGithubImports } = await import('@/lib/queries/list-github-imports')
const { insertGithubConnection } = await import('@/lib/queries/github-connections')
const { uniqueSlug } = await import('@/lib/testing/seed-team')
const feedRoute = await import('@/app/api/dashboard/deployments/route')
const reportsRoute = await import('@/app/api/dashboard/reports/route')
const reportRoute = await import('@/app/api/dashboard/reports/[id]/route')
const importsRoute = await import('@/app/api/dashboard/github-imports/route')

type Scenario = Awaited<ReturnType<typeof buildScenario>>
const now = new Date()
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString()
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) })
const slugsOf = (rows: { slug: string }[]) => rows.map((r) => r.slug)
const overview = (q: Record<string, string> = {}) => {
  const parsed = parseOverviewParams({ range: '30d', ...q }, now)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.params
}

let a: Scenario, b: Scenario
let aService: string, bService: string
let reports: Record<'org' | 'teamA' | 'teamB' | 'serviceB', number>
let sharedSha: string
let connections: { a: string; b: string }
let viewerA: string, admin: string
beforeAll(async () => {
  a = await buildScenario(process.env.DATABASE_URL!, [{ service: 'alpha', id: 'a1', at: daysAgo(2) }], [{ service: 'alpha', id: 'INC-A', openedAt: daysAgo(2) }])
  b = await buildScenario(process.env.DATABASE_URL!, [{ service: 'beta', id: 'b1', at: daysAgo(1) }], [{ service: 'beta', id: 'INC-B', openedAt: daysAgo(1) }])
  aService = a.services.alpha!
  bService = b.services.beta!
  for (const slug of [aService, bService]) {
    await queryRows(pool(), sql`
      INSERT INTO compliance_scan (service_id, kind, format, content_hash, size_bytes, scanned_at, formula_version, score, grade)
      SELECT id, 'vulnerability', 'trivy', ${`hash-${slug}`}, 1, ${daysAgo(1)}::timestamptz, 'v1', 90, 'B' FROM service WHERE slug = ${slug}`)
  }
  // the same bytes stored as team A's and team B's report: a lookup by hash shows only the readable one
  const content = Buffer.from(`report ${aService}`)
  sharedSha = createHash('sha256').update(content).digest('hex')
  const store = async (scopeKind: 'org' | 'team' | 'service', team: string | null, service: string | null, bytes = Buffer.from(`${scopeKind} ${team} ${service}`)) => {
    const meta = { scopeKind, team, service, periodLabel: '2026 Q3', periodFrom: new Date('2026-07-01T00:00:00Z'), periodTo: new Date('2026-10-01T00:00:00Z'), format: 'json' as const, params: {}, contentType: 'application/json', source: 'dashboard' as const }
    return (await insertReport(meta, bytes, createHash('sha256').update(bytes).digest('hex'))).id
  }
  reports = {
    org: await store('org', null, null),
    teamA: await store('team', a.team, null, content),
    teamB: await store('team', b.team, null, content),
    serviceB: await store('service', b.team, bService),
  }
  // a GitHub connection per team with a running import (the settings page's progress bars)
  connections = { a: uniqueSlug('conn-a'), b: uniqueSlug('conn-b') }
  for (const [s, name] of [[a, connections.a], [b, connections.b]] as const) {
    const id = await insertGithubConnection(pool(), { teamId: s.caller.teamId, name, webhookSecretEnc: 'not read by these queries' })
    await queryRows(pool(), sql`INSERT INTO github_backfill (connection_id, full_name, started_at, progress_total) VALUES (${id}, ${`octo/${name}`}, now(), 10)`)
  }
  const [viewer, administrator] = await Promise.all([signedInPerson('viewer', [a.caller.teamId]), signedInPerson('admin')])
  viewerA = viewer.cookie
  admin = administrator.cookie
}, 120_000)

describe('the queries, for a reader of team A', () => {
  const readerA = () => [a.caller.teamId]

  it('filter options list only team A and its services; everyone else\'s appear for "all"', async () => {
    const mine = await listFilterOptions(readerA())
    expect(mine.readable).toEqual(readerA())
    expect(slugsOf(mine.teams)).toEqual([a.team])
    expect(slugsOf(mine.services)).toEqual([aService])
    expect(mine.environments.map((e) => e.name)).toContain('production')
    const all = await listFilterOptions('all')
    expect(slugsOf(all.teams)).toEqual(expect.arrayContaining([a.team, b.team]))
    expect(slugsOf(all.services)).toEqual(expect.arrayContaining([aService, bService]))
  })

  it('the org-wide dashboard scope is team A\'s services; team B or its service named in the URL is unknown', async () => {
    const mine = await listFilterOptions(readerA())
    const org = await resolveDashboardScope(overview(), mine)
    expect(slugsOf(org.services)).toEqual([aService])
    expect(org.wholeTeams).toBe(true)
    for (const q of [{ team: b.team }, { service: bService }] as Record<string, string>[]) {
      const other = await resolveDashboardScope(overview(q), mine)
      expect(other.services).toEqual([])
      expect(other.unknown).toHaveLength(1)
    }
    const everything = await resolveDashboardScope(overview(), await listFilterOptions('all'))
    expect(slugsOf(everything.services)).toEqual(expect.arrayContaining([aService, bService]))
    expect(slugsOf(await listTeamServices(null, [bService], readerA()))).toEqual([])
  })

  it('the overview\'s service table, availability and compliance hold team A\'s services only', async () => {
    const summaries = await getServicesTable(overview(), await listFilterOptions(readerA()), now)
    expect(summaries.map((s) => s.slug)).toEqual([aService])
    expect(summaries[0]).toMatchObject({ finished: 1 })
    const teams = await teamScorecard(overview(), await listFilterOptions(readerA()), now)
    expect(teams.rows.map((r) => r.key)).toEqual([a.team])
    expect(teams.total.compliance.services).toBe(1)
    expect(slugsOf(await getAvailabilityOverview(now, readerA()))).toEqual([aService])
    const compliance = await getComplianceOverview({ readable: readerA() }, now)
    expect(slugsOf(compliance.services)).toEqual([aService])
    expect(compliance.teams).toEqual([a.team])
    expect(slugsOf(await getComplianceOverview({ team: b.team, readable: readerA() }, now).then((o) => o.services))).toEqual([])

    expect(slugsOf(await getServicesTable(overview(), await listFilterOptions('all'), now))).toEqual(expect.arrayContaining([aService, bService]))
    expect(slugsOf(await getAvailabilityOverview(now, 'all'))).toEqual(expect.arrayContaining([aService, bService]))
    expect(slugsOf((await getComplianceOverview({}, now)).services)).toEqual(expect.arrayContaining([aService, bService]))
  })

  it('incidents: team A\'s only, and none when filtered to team B\'s service', async () => {
    const mine = await listIncidents({ teams: readerA(), limit: 100 })
    expect(mine.map((i) => i.externalId)).toEqual(['INC-A'])
    expect(await listIncidents({ teams: readerA(), service: bService, limit: 100 })).toEqual([])
    expect((await listIncidents({ teams: 'all', service: bService, limit: 100 })).map((i) => i.externalId)).toEqual(['INC-B'])
  })

  it('the deployments feed: team A\'s only; team B\'s service is "no service", as a missing one', async () => {
    const feed = await getDeploymentFeed({}, readerA())
    expect(feed.deployments.map((d) => d.service)).toEqual([aService])
    await expect(getDeploymentFeed({ service: bService }, readerA())).rejects.toMatchObject({ fields: [{ path: 'service', message: `no service "${bService}"` }] })
    expect((await getDeploymentFeed({ service: bService }, 'all')).deployments.map((d) => d.externalId)).toEqual(['b1'])
  })

  it('reports: team A\'s only; the organisation\'s and team B\'s are neither listed, found by hash nor served', async () => {
    const listed = (await listReports(readerA())).map((r) => r.id)
    expect(listed).toContain(reports.teamA)
    for (const id of [reports.org, reports.teamB, reports.serviceB]) {
      expect(listed).not.toContain(id)
      expect(await getReportContent(id, readerA())).toBeNull()
    }
    expect((await getReportContent(reports.teamA, readerA()))?.content.toString()).toBe(`report ${aService}`)
    expect((await findReportsBySha256(sharedSha, readerA())).map((r) => r.id)).toEqual([reports.teamA])
    expect((await findReportsBySha256(sharedSha, 'all')).map((r) => r.id)).toEqual([reports.teamA, reports.teamB])
    expect((await listReports('all')).map((r) => r.id)).toEqual(expect.arrayContaining(Object.values(reports)))
  })
  it('settings: team A, its services and its connections\' imports only', async () => {
    const mine = await listSettings(readerA())
    expect(slugsOf(mine.teams)).toEqual([a.team])
    expect(slugsOf(mine.services)).toEqual([aService])
    expect((await listGithubImports(readerA())).map((i) => i.connection)).toEqual([connections.a])
    const all = await listSettings('all')
    expect(slugsOf(all.services)).toEqual(expect.arrayContaining([aService, bService]))
    expect((await listGithubImports('all')).map((i) => i.connection)).toEqual(expect.arrayContaining([connections.a, connections.b]))
  })
})

describe('the web app\'s JSON routes with PLIMSOLL_READ_SCOPE=team', () => {
  const getFeed = (cookie: string, q = '') => feedRoute.GET(jsonRequest('GET', `/api/dashboard/deployments${q}`, cookie), ctx())

  it('the feed\'s refreshes: a viewer of team A gets team A\'s deployments, team B\'s service is unknown; the admin reads both', async () => {
    const mine = await getFeed(viewerA)
    expect(mine.status).toBe(200)
    const services = new Set(((await mine.json()).deployments as { service: string }[]).map((d) => d.service))
    expect([...services]).toEqual([aService])
    expect((await getFeed(viewerA, `?service=${bService}`)).status).toBe(422)
    const adminFeed = await getFeed(admin, `?service=${bService}`)
    expect(adminFeed.status).toBe(200)
    expect((await adminFeed.json()).deployments).toHaveLength(1)
  })

  it('report history, lookup by hash and download: team B\'s and the organisation\'s are hidden from a viewer of team A', async () => {
    const history = await reportsRoute.GET(jsonRequest('GET', '/api/dashboard/reports', viewerA), ctx())
    const ids = ((await history.json()).reports as { id: number }[]).map((r) => r.id)
    expect(ids).toContain(reports.teamA)
    expect(ids).not.toContain(reports.teamB)
    expect(ids).not.toContain(reports.org)
    const bySha = await reportsRoute.GET(jsonRequest('GET', `/api/dashboard/reports?sha256=${sharedSha}`, viewerA), ctx())
    expect(((await bySha.json()).reports as { id: number }[]).map((r) => r.id)).toEqual([reports.teamA])
    const download = (cookie: string, id: number) => reportRoute.GET(jsonRequest('GET', `/api/dashboard/reports/${id}`, cookie), ctx({ id: String(id) }))
    expect((await download(viewerA, reports.teamA)).status).toBe(200)
    expect((await download(viewerA, reports.teamB)).status).toBe(404)
    expect((await download(viewerA, reports.org)).status).toBe(404)
    expect((await download(admin, reports.teamB)).status).toBe(200)
  })

  it('the settings page\'s import refreshes: team A\'s connection only; the admin sees both', async () => {
    const imports = async (cookie: string) => ((await (await importsRoute.GET(jsonRequest('GET', '/api/dashboard/github-imports', cookie), ctx())).json()).imports as { connection: string }[]).map((i) => i.connection)
    expect(await imports(viewerA)).toEqual([connections.a])
    expect(await imports(admin)).toEqual(expect.arrayContaining([connections.a, connections.b]))
  })
})
