import { readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { withClient } from '@/lib/db'
import { sealSecret, secretKeyFrom } from '@/lib/crypto/secret-box'
import { insertGithubConnection } from '@/lib/queries/github-connections'
import { insertGitlabConnection } from '@/lib/queries/gitlab-connections'
import { auth, unique } from '../support/api'

// No page shows a stored secret or an API token, to an admin (who sees the most): every page under app/
// is rendered for a team whose GitHub and GitLab connections hold known secrets, and neither the HTML
// nor the data React sends with it may contain one, in plain or sealed form. A new page is walked
// without being listed here. (lib/crypto/secrets-never-leave.integration.test.ts does the same for the API.)
const appRoot = path.resolve(import.meta.dirname, '../../app')
const pageFiles: string[] = []
const walk = (dir: string) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== 'api') walk(path.join(dir, e.name))
    else if (e.name === 'page.tsx') pageFiles.push(path.relative(appRoot, dir))
  }
}
walk(appRoot)

const plain = { webhook: unique('whsec'), token: unique('ghp'), appKey: unique('-----BEGIN KEY'), gitlab: unique('glpat') }
const sealed: string[] = []
const service = unique('secrets-svc')
const connectionName = unique('leak-gh')
let incidentId = ''

test.beforeAll(async ({ request }) => {
  const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
  const seal = (v: string) => { const s = sealSecret(v, key); sealed.push(s); return s }
  await withClient(process.env.DATABASE_URL!, async (client) => {
    const { rows: [team] } = await client.query<{ id: number }>('SELECT id FROM team WHERE slug = $1', [process.env.E2E_TEAM])
    await insertGithubConnection(client, { teamId: team!.id, name: connectionName, webhookSecretEnc: seal(plain.webhook), apiTokenEnc: seal(plain.token) })
    await insertGithubConnection(client, { teamId: team!.id, name: unique('leak-app'), webhookSecretEnc: seal(plain.webhook), app: { appId: 1, installationId: 2, privateKeyEnc: seal(plain.appKey) } })
    await insertGitlabConnection(client, { teamId: team!.id, name: unique('leak-gl'), webhookTokenEnc: seal(plain.gitlab) })
  })
  const deployed = await request.post('/api/v1/deployments', { headers: auth(), data: { id: unique('d'), service, environment: 'production', status: 'success', finishedAt: new Date().toISOString() } })
  expect(deployed.status()).toBe(201)
  const incident = await request.post('/api/v1/incidents', { headers: auth(), data: { id: unique('i'), service, title: 'secrets walk', openedAt: new Date().toISOString() } })
  expect(incident.status()).toBeLessThan(300)
  incidentId = String((await incident.json()).data.id)
})

const urlOf = (dir: string) => '/' + dir.replace(/\[([^\]]+)\]/g, (_, name: string) =>
  name === 'slug' ? (dir.startsWith('teams') ? process.env.E2E_TEAM! : service) : name === 'id' ? incidentId : name === 'metric' ? 'leadTime' : name)

test('finds the pages', () => {
  expect(pageFiles.length).toBeGreaterThanOrEqual(15)
})

for (const dir of pageFiles.sort()) {
  test(`/${dir} shows no stored secret or API token`, async ({ page }) => {
    const res = await page.goto(urlOf(dir))
    expect(res?.status(), urlOf(dir)).toBeLessThan(500)
    await page.waitForLoadState('networkidle')
    const html = await page.content()
    // the connections are on the page next to where their secrets would be
    if (dir === 'settings') expect(html).toContain(connectionName)
    for (const secret of [...Object.values(plain), ...sealed, process.env.E2E_GITHUB_SECRET!, process.env.E2E_TOKEN!, process.env.E2E_OTHER_TOKEN!]) {
      expect(html.includes(secret), `${urlOf(dir)} contains a secret`).toBe(false)
    }
  })
}
