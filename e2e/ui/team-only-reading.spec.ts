import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from '@playwright/test'
import { withClient } from '@/lib/db'
import { auth, otherToken, unique } from '../support/api'
import { startAppServer, type AppServer } from '../support/demo-server'

// Team-only reading (PLIMSOLL_READ_SCOPE=team) on the dashboard: a second server on the suite's
// database with that setting, and a viewer of team a. Team b's service, incident and scan, posted
// through the API, appear nowhere in that viewer's pages (not in the HTML nor in the data the page
// carries), its pages are 404s, while the main server (whole organisation) shows the viewer both.
const mine = unique('tor-a')
const theirs = unique('tor-b')
const theirTeam = () => process.env.E2E_OTHER_TEAM!
const mainURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`
let server: AppServer
let viewer: BrowserContext
let theirIncident: number

test.describe.configure({ mode: 'serial' })

async function postAll(request: APIRequestContext, service: string, token: string | undefined): Promise<number> {
  const headers = auth(token)
  const post = async (url: string, data: unknown, extra: Record<string, string> = {}) => {
    const res = await request.post(url, { headers: { ...headers, ...extra }, data })
    expect(res.status(), `${url} for ${service}`).toBe(201)
    return res.json()
  }
  // now: the newest rows, so the feeds' first pages (other specs post for team a too) hold them
  const finishedAt = new Date().toISOString()
  await post('/api/v1/deployments', { id: `${service}-1`, service, environment: 'production', status: 'success', finishedAt })
  await post('/api/v1/availability', { service, check: 'synthetic', at: finishedAt, up: true })
  const trivy = JSON.parse(readFileSync(path.resolve('lib/compliance/fixtures/scanners/trivy/debian-buster.json'), 'utf8'))
  await post(`/api/v1/scans?service=${service}&environment=production`, Buffer.from(JSON.stringify(trivy)), { 'content-type': 'application/json' })
  const incident = await post('/api/v1/incidents', { id: `${service}-INC`, service, title: `Outage of ${service}`, openedAt: finishedAt })
  return incident.data.id as number
}

// A viewer of team a, signed in through the team-only server; the cookie holds on any port of the host.
async function signInViewerOfTeamA(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const { createUser } = await import('@/lib/auth/users')
  const teamA = await withClient(process.env.DATABASE_URL!, async (c) => (await c.query<{ id: number }>('SELECT id FROM team WHERE slug = $1', [process.env.E2E_TEAM])).rows[0]!.id)
  const email = `e2e-team-viewer-${randomBytes(3).toString('hex')}@example.com`
  const password = `pw-${randomBytes(8).toString('hex')}`
  await createUser({ email, name: 'E2E team viewer', role: 'viewer', teamIds: [teamA], password })
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  const res = await context.request.post(`${baseURL}/api/auth/sign-in/email`, { data: { email, password }, headers: { origin: baseURL } })
  expect(res.ok(), await res.text()).toBe(true)
  return context
}

test.beforeAll(async ({ request, browser }) => {
  test.setTimeout(180_000)
  await postAll(request, mine, undefined)
  theirIncident = await postAll(request, theirs, otherToken())
  const port = Number(process.env.E2E_PORT ?? 3100) + 3
  server = await startAppServer(port, { PLIMSOLL_READ_SCOPE: 'team', PLIMSOLL_PUBLIC_URL: `http://127.0.0.1:${port}` })
  viewer = await signInViewerOfTeamA(browser, server.baseURL)
})
test.afterAll(async () => {
  await viewer?.close()
  await server?.stop()
})

// The page's whole HTML (markup and the serialised data React hydrates from) names nothing of team b
// (pages that echo a name from their URL are checked for the rest).
async function expectOnlyTeamA(pathname: string, { shows = mine as string | null, absent = [theirs, theirTeam(), `Outage of ${theirs}`] } = {}) {
  const page = await viewer.newPage()
  const res = await page.goto(`${server.baseURL}${pathname}`)
  expect(res?.status(), pathname).toBe(200)
  // booleans, not the strings: a failure names the page and the name, not 100 kB of HTML
  const html = await page.content()
  if (shows) expect(html.includes(shows), `${pathname} shows ${shows}`).toBe(true)
  for (const name of absent) expect(html.includes(name), `${pathname} names ${name}`).toBe(false)
  await page.close()
}

test('the main server, reading the whole organisation, shows the same viewer both teams\' services', async () => {
  const page = await viewer.newPage()
  await page.goto(`${mainURL}/services`)
  await expect(page.getByTestId('services')).toContainText(theirs)
  await expect(page.getByTestId('services')).toContainText(mine)
  await page.close()
})

test('overview, services, a metric, deployments, incidents, compliance, availability, settings and reports show team a only', async () => {
  for (const p of ['/', '/services', `/metrics/deploymentFrequency?service=${mine}`, '/deployments', '/incidents', '/compliance', '/availability', '/settings']) await expectOnlyTeamA(p)
  await expectOnlyTeamA(`/teams/${process.env.E2E_TEAM}`)
  await expectOnlyTeamA(`/services/${mine}`)
  // the report form offers team a's scopes, not the organisation's
  await expectOnlyTeamA('/reports')
  const page = await viewer.newPage()
  await page.goto(`${server.baseURL}/reports`)
  await expect(page.getByRole('combobox', { name: 'Scope' }).locator('option[value="org"]')).toHaveCount(0)
  await page.close()
})

test('team b named in a filter shows nothing of it', async () => {
  await expectOnlyTeamA(`/?team=${theirTeam()}`, { shows: 'nothing to show', absent: [theirs] })
  await expectOnlyTeamA(`/metrics/timeToRestore?team=${theirTeam()}`, { shows: 'Nothing in scope for this window', absent: [theirs] })
  await expectOnlyTeamA(`/incidents?service=${theirs}`, { shows: 'No incidents match these filters.', absent: [`Outage of ${theirs}`, theirTeam()] })
  await expectOnlyTeamA(`/compliance?team=${theirTeam()}`, { shows: 'No scans yet.', absent: [theirs] })
})

test('team b\'s service, team, incident and compliance pages are not found', async () => {
  const page = await viewer.newPage()
  for (const p of [`/services/${theirs}`, `/teams/${theirTeam()}`, `/incidents/${theirIncident}`, `/compliance/${theirs}`]) {
    expect((await page.goto(`${server.baseURL}${p}`))?.status(), p).toBe(404)
    expect((await page.content()).includes(`Outage of ${theirs}`), p).toBe(false)
  }
  // the same pages answer on the main server: the 404s above are team-only reading, not missing data
  expect((await page.goto(`${mainURL}/incidents/${theirIncident}`))?.status()).toBe(200)
  await page.close()
})

test('the deployments feed\'s refreshes carry team a\'s deployments only', async () => {
  const feed = await viewer.request.get(`${server.baseURL}/api/dashboard/deployments`)
  expect(feed.status()).toBe(200)
  const services = ((await feed.json()).deployments as { service: string }[]).map((d) => d.service)
  expect(services).toContain(mine)
  expect(services).not.toContain(theirs)
  expect((await viewer.request.get(`${server.baseURL}/api/dashboard/deployments?service=${theirs}`)).status()).toBe(422)
})
