import { expect, test, type APIRequestContext } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import { readFile } from 'node:fs/promises'
import { auth, deploymentBody, unique } from '../support/api'
import { formatValue } from '@/lib/format/format-metric'

// Issue 20, "where is the problem" and "one click to the events", on a scenario of its own: a team whose
// only service has one deployment, and a service whose deployments roll one back and cause an incident.
const team = unique('lead')
const lone = unique('lead-lone')
const chain = unique('lead-chain')
const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)
// a window wholly in the past (UTC days), so nothing that happens while the spec runs moves its figures
const range = { range: 'custom', from: day(-10), to: day(-1), tz: 'UTC' }
const apiWindow = { from: `${range.from}T00:00:00.000Z`, to: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY).toISOString() }
const at = (daysAgo: number, hour = 10) => new Date(Date.parse(`${day(-daysAgo)}T00:00:00Z`) + hour * 3_600_000).toISOString()
const sha = (c: string) => c.repeat(40)
const METRICS = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability'] as const

async function post(request: APIRequestContext, path: string, data: unknown, headers: Record<string, string>) {
  const res = await request.post(path, { headers, data })
  expect(res.status(), await res.text()).toBeLessThan(300)
  return res.json()
}

test.beforeAll(async ({ browser, baseURL }) => {
  // the admin (the ui project's signed-in person) makes the team and a token for it
  const context = await browser.newContext()
  const admin = context.request
  const origin = { origin: baseURL! }
  await post(admin, '/api/settings/teams', { slug: team, name: `Lead ${team}` }, origin)
  const { data } = await post(admin, '/api/settings/tokens', { team, name: 'lead-e2e', scopes: ['ingest', 'read'] }, origin)
  await context.close()
  const request = (await import('@playwright/test')).request
  const api = await request.newContext({ baseURL })
  await post(api, '/api/v1/deployments', deploymentBody({ service: lone, startedAt: undefined, finishedAt: at(3) }), auth(data.token))
  // the e2e team's service: 1.0.0, then 2.0.0 (a pull request; it causes an incident), then 1.0.0 again: a rollback
  const deploy = (id: string, version: string, daysAgo: number, commits: unknown[] = []) =>
    post(api, '/api/v1/deployments', deploymentBody({ service: chain, id, version, startedAt: undefined, finishedAt: at(daysAgo), strategy: 'canary', commits }), auth())
  await deploy('c1', '1.0.0', 6, [{ sha: sha('a'), committedAt: at(7) }])
  await deploy('c2', '2.0.0', 5, [{ sha: sha('b'), committedAt: at(6), prNumber: 42, prMergedAt: at(6, 12) }])
  await deploy('c3', '1.0.0', 4)
  await post(api, '/api/v1/incidents', { id: unique('INC'), service: chain, title: 'Checkout errors after 2.0.0', openedAt: at(5, 11), resolvedAt: at(4, 11), causeDeploymentId: 'c2' }, auth())
  await api.dispose()
})

test('a service with one deployment shows "not enough data" and no level on /teams and on its team page', async ({ page }) => {
  await page.goto(`/teams?${new URLSearchParams(range)}`)
  const row = page.getByTestId('scorecard').locator(`tr[data-row="${team}"]`)
  await expect(row).toBeVisible()
  for (const m of ['deploymentFrequency', 'changeFailureRate']) {
    await expect(row.locator(`td[data-metric="${m}"] [data-testid="cell-not-enough"]`)).toHaveText('not enough data')
    await expect(row.locator(`td[data-metric="${m}"] .badge`)).toHaveCount(0)
  }
  await expect(row.locator('td[data-metric="availability"] [data-testid="cell-value"]')).toHaveText('no data')
  await expect(row.locator('td[data-metric="compliance"] [data-testid="cell-value"]')).toHaveText('no data')
  await page.screenshot({ path: 'e2e/screenshots/teams.png', fullPage: true })

  await row.getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Team Lead ${team}`)
  const service = page.getByTestId('scorecard').locator(`tr[data-row="${lone}"]`)
  await expect(service.locator('td[data-metric="changeFailureRate"] [data-testid="cell-value"]')).toHaveText('0.0%')
  await expect(service.locator('td[data-metric="changeFailureRate"] [data-testid="cell-not-enough"]')).toHaveText('not enough data')
  await expect(service.locator('.badge')).toHaveCount(0)
})

test('every /teams cell, compliance included, equals GET /api/v1/metrics?team=<slug> for the same range', async ({ page }) => {
  // one API call per team of the suite's database (dozens by now): over a minute on a loaded 2-core machine
  test.setTimeout(240_000)
  await page.goto(`/teams?${new URLSearchParams(range)}`)
  const rows = page.getByTestId('scorecard').locator('tbody tr')
  const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')!))
  expect(keys).toContain(team)
  expect(keys[0]).toBe('organisation')
  for (const key of keys) {
    const res = await page.request.get('/api/v1/metrics', { params: { ...apiWindow, ...(key === 'organisation' ? {} : { team: key }) } })
    expect(res.status(), await res.text()).toBe(200)
    const { metrics, compliance } = await res.json()
    const row = page.getByTestId('scorecard').locator(`tr[data-row="${key}"]`)
    // compliance too: the report's median S over the services scanned in the range, and its coverage
    const scores = row.locator('td[data-metric="compliance"]')
    const score = compliance.headline === null ? 'no data' : `${compliance.headline.toFixed(1)} / 100`
    await expect(scores.getByTestId('cell-value'), `${key} compliance`).toHaveText(score)
    await expect(scores, `${key} compliance`).toContainText(`${compliance.coverage.scanned} of ${compliance.coverage.services} scanned`)
    for (const m of METRICS) {
      const { headline, level } = metrics[m]
      const cell = row.locator(`td[data-metric="${m}"]`)
      await expect(cell.getByTestId('cell-value'), `${key} ${m}`).toHaveText(headline.value === null ? 'no data' : formatValue(headline.value, headline.unit, m))
      if (level) await expect(cell.getByTestId('cell-level'), `${key} ${m}`).toHaveText(level)
      else await expect(cell.getByTestId('cell-level'), `${key} ${m}`).toHaveCount(0)
    }
  }
})

test('/deployments: a rollback reads as one, one click opens the deployment, the CSV equals the API\'s records', async ({ page, playwright, baseURL }) => {
  await page.goto(`/deployments?service=${chain}&strategy=canary&from=${day(-8)}`)
  const rows = page.getByTestId('deployments').locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0).locator('td').nth(3)).toHaveText('rollback')
  await expect(rows.nth(1).locator('td').nth(3)).toHaveText('rolled back')

  // the download is every record of these filters, as GET /api/v1/deployments gives them
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('deployments-csv').click()])
  const csv = parse(await readFile((await download.path())!, 'utf8'), { columns: true }) as Record<string, string>[]
  const api = await playwright.request.newContext({ baseURL })
  const res = await api.get('/api/v1/deployments', { headers: auth(), params: { service: chain, ...apiWindow, from: `${day(-8)}T00:00:00.000Z`, to: new Date().toISOString() } })
  expect(res.status(), await res.text()).toBe(200)
  const records = (await res.json()).data as { id: number; externalId: string; status: string; version: string; strategy: string; finishedAt: string }[]
  await api.dispose()
  expect(csv.map((r) => [Number(r.id), r.external_id, r.status, r.version, r.strategy, r.finished_at]))
    .toEqual(records.map((r) => [r.id, r.externalId, r.status, r.version, r.strategy, r.finishedAt]))

  await rows.nth(1).getByRole('link', { name: 'c2' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deployment c2')
  await expect(page.getByTestId('deployment-outcome')).toHaveText('rolled back')
  await expect(page.getByTestId('deployment-strategy')).toHaveText('canary')
  await expect(page.getByTestId('deployment-commits')).toContainText(sha('b').slice(0, 7))
  await expect(page.getByTestId('pull-requests')).toContainText('#42')
  await expect(page.getByTestId('rollback-chain')).toContainText('c1')
  await expect(page.getByTestId('rollback-chain')).toContainText('it rolled this one back')
  await page.screenshot({ path: 'e2e/screenshots/deployment.png', fullPage: true })
  await page.getByTestId('deployment-incidents').getByRole('link', { name: 'Checkout errors after 2.0.0' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout errors after 2.0.0')
})

test('/services and the overview\'s table follow the range and show values, "no data" where there is none', async ({ page }) => {
  await page.goto(`/services?${new URLSearchParams(range)}`)
  const row = page.getByTestId('services').locator(`tr[data-service="${lone}"]`)
  await expect(row.locator('td').nth(4)).toContainText('0.0%')
  await expect(row.locator('td').nth(4)).toContainText('not enough data')
  await expect(row.locator('td').nth(6)).toHaveText('no data')
  await expect(row.locator('td').nth(8)).toHaveText('not scanned')
  await page.goto(`/?${new URLSearchParams({ ...range, team })}`)
  await expect(page.getByTestId('services').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('services')).not.toContainText('(30 d)')
})
