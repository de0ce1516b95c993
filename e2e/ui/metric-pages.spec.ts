import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { auth, sha, unique } from '../support/api'

// Metric pages that explain their metric, on a scenario of their own made through the API: weekly buckets over
// 4-29 March 2026 (the first ISO week, from Monday 2 March, is clipped to the range), one deployment just
// before the range in that same week, a failure, an incident that names its cause, and an incident still open.
const service = unique('mp')
const other = unique('mp-other')
const repositoryUrl = 'https://github.com/acme/metric-pages'
const range = { range: 'custom', from: '2026-03-04', to: '2026-03-29', granularity: 'week', tz: 'UTC' }
const pageQuery = (over: Record<string, string> = {}) => new URLSearchParams({ service, ...range, ...over }).toString()
const apiWindow = { from: '2026-03-04T00:00:00Z', to: '2026-03-30T00:00:00Z' }
const openIncident = unique('INC-open')
const heads = new Map<string, string>()

const deployments: [id: string, status: string, day: number][] = [
  ['before', 'success', 3],
  ['w1a', 'success', 5], ['w1b', 'failure', 6], ['w1c', 'success', 7],
  ['w2a', 'success', 10], ['w2b', 'success', 11], ['w2c', 'success', 12], ['w2d', 'success', 13],
  ['w3a', 'success', 17], ['w3b', 'failure', 18],
  ['w4a', 'success', 24],
]
const at = (day: number, hour: number) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`

test.beforeAll(async ({ request }) => {
  for (const [id, status, day] of deployments) {
    const head = sha()
    heads.set(id, head)
    const res = await request.post('/api/v1/deployments', {
      headers: auth(),
      data: { id, service, environment: 'production', status, finishedAt: at(day, 10), sha: head, repositoryUrl, commits: [{ sha: head, committedAt: at(day, 6) }] },
    })
    expect(res.status(), await res.text()).toBe(201)
  }
  for (let d = 10; d <= 14; d++) {
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: { id: `o${d}`, service: other, environment: 'production', status: 'success', finishedAt: at(d, 9) } })
    expect(res.status()).toBe(201)
  }
  const incidents = [
    // w3a caused it (named by the incident): a change failure of the week from 16 March
    { id: unique('INC'), service, title: 'Checkout errors', openedAt: at(17, 12), resolvedAt: at(17, 14), causeDeploymentId: 'w3a' },
    { id: openIncident, service, title: 'Search slow', openedAt: new Date(Date.now() - 3 * 3_600_000).toISOString() },
  ]
  for (const incident of incidents) {
    const res = await request.post('/api/v1/incidents', { headers: auth(), data: { environment: 'production', severity: 'high', ...incident } })
    expect(res.status(), await res.text()).toBe(201)
  }
})

async function apiRecords(request: APIRequestContext, metric: string, window: { from: string; to: string }) {
  const res = await request.get(`/api/v1/metrics/${metric}/records`, { headers: auth(), params: { service, ...window, limit: 500 } })
  expect(res.status(), await res.text()).toBe(200)
  return (await res.json()).data as Record<string, unknown>[]
}

// Clicks the bar drawn for a bucket (each bar names its bucket, components/charts/chart-parts.tsx barShape).
async function clickBar(page: Page, chart: string, bucket: string) {
  const card = page.getByTestId(chart)
  await card.scrollIntoViewIfNeeded()
  const bar = await card.locator(`rect.bar[data-bucket="${bucket}"]`).first().boundingBox()
  expect(bar, `a bar stands for ${bucket}`).not.toBeNull()
  const [x, y] = [bar!.x + bar!.width / 2, bar!.y + bar!.height / 2]
  await page.mouse.move(x, y)
  await page.mouse.click(x, y)
}

const listedIds = (page: Page) => page.getByTestId('records').locator('tbody tr td:first-child').allTextContents()

test('clicking a chart bar lists exactly the records of that bucket, in a URL that can be shared', async ({ page, request }) => {
  await page.goto(`/metrics/deploymentFrequency?${pageQuery()}`)
  const chart = page.getByTestId('chart-deploymentFrequency')
  await expect(chart.locator('rect.bar').first()).toBeVisible()
  // drawn as on the overview: the first week, clipped to the range, hatched and labelled partial; the failure of 6 March marked
  await expect(chart.locator('rect.bar-partial[data-bucket="2026-03-02"]').first()).toBeVisible()
  await expect(chart.locator('rect.bar-partial[data-bucket="2026-03-09"]')).toHaveCount(0)
  await expect(chart.locator('.tick-partial')).toHaveCount(1)
  await expect(chart.locator('.chart-annotation')).not.toHaveCount(0)

  // a whole week
  await clickBar(page, 'chart-deploymentFrequency', '2026-03-09')
  await expect(page).toHaveURL(/bucket=2026-03-09/, { timeout: 30_000 })
  const week = await apiRecords(request, 'deploymentFrequency', { from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z' })
  expect(week.map((r) => r.externalId)).toEqual(['w2d', 'w2c', 'w2b', 'w2a'])
  await expect(page.getByTestId('records-bucket')).toHaveAttribute('data-from', '2026-03-09T00:00:00.000Z')
  await expect.poll(() => listedIds(page)).toEqual(week.map((r) => r.externalId))

  // the first week, clipped to the range: the deployment of 3 March, in the same ISO week, is not in it
  await clickBar(page, 'chart-deploymentFrequency', '2026-03-02')
  await expect(page).toHaveURL(/bucket=2026-03-02/, { timeout: 30_000 })
  const first = await apiRecords(request, 'deploymentFrequency', { from: '2026-03-04T00:00:00Z', to: '2026-03-09T00:00:00Z' })
  expect(first.map((r) => r.externalId)).toEqual(['w1c', 'w1b', 'w1a'])
  await expect.poll(() => listedIds(page)).toEqual(first.map((r) => r.externalId))
  await expect(page.getByTestId('records-bucket')).toHaveAttribute('data-from', '2026-03-04T00:00:00.000Z')

  // the shared link opens the same records; the way back lists the whole range
  const shared = page.url()
  const fresh = await page.context().newPage()
  await fresh.goto(shared)
  await expect.poll(() => listedIds(fresh)).toEqual(['w1c', 'w1b', 'w1a'])
  await fresh.getByRole('link', { name: 'All records of the range' }).click()
  const all = await apiRecords(request, 'deploymentFrequency', apiWindow)
  await expect.poll(() => listedIds(fresh)).toEqual(all.map((r) => r.externalId))
  expect(all.map((r) => r.externalId)).not.toContain('before')
  await fresh.close()
})

test('a change failure rate bar lists its bucket with the failures marked and why', async ({ page, request }) => {
  await page.goto(`/metrics/changeFailureRate?${pageQuery()}`)
  await clickBar(page, 'chart-changeFailureRate', '2026-03-16')
  await expect(page).toHaveURL(/bucket=2026-03-16/, { timeout: 30_000 })
  const week = await apiRecords(request, 'changeFailureRate', { from: '2026-03-16T00:00:00Z', to: '2026-03-23T00:00:00Z' })
  await expect.poll(() => listedIds(page)).toEqual(week.map((r) => r.externalId))
  const failures = week.filter((r) => r.changeFailure).map((r) => r.externalId)
  expect(failures.sort()).toEqual(['w3a', 'w3b'])
  const marked = page.getByTestId('records').locator('tbody tr[data-marked="true"]')
  await expect(marked).toHaveCount(2)
  await expect(marked.filter({ hasText: 'w3a' })).toContainText('incident named it')
  await expect(marked.filter({ hasText: 'w3b' })).toContainText('failed')
  // the split by reason over the whole range: 2 failed, 1 linked to an incident
  const facts = page.getByTestId('facts')
  await expect(facts.locator('div', { hasText: /^Failed/ }).locator('dd')).toHaveText('2')
  await expect(facts.locator('div', { hasText: /^Linked to an incident/ }).locator('dd')).toHaveText('1')
  await expect(facts.locator('div', { hasText: /^Rolled back/ }).locator('dd')).toHaveText('0')
})

const charts: Record<string, string[]> = {
  deploymentFrequency: ['chart-deploymentFrequency'],
  leadTime: ['chart-leadTime'],
  changeFailureRate: ['chart-changeFailureRate'],
  timeToRestore: ['chart-timeToRestore'],
  failedDeploymentRecoveryTime: ['chart-failedDeploymentRecoveryTime'],
  reworkRate: ['chart-reworkRate'],
  availability: ['chart-availability', 'chart-downtime'],
}
const allCharts = Object.values(charts).flat()

for (const [metric, own] of Object.entries(charts)) {
  test(`the ${metric} page shows its own chart and its breakdown by team and service`, async ({ page, request }) => {
    await page.goto(`/metrics/${metric}?${pageQuery()}`)
    for (const id of own) await expect(page.getByTestId(id).locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible()
    for (const id of allCharts.filter((c) => !own.includes(c))) await expect(page.getByTestId(id)).toHaveCount(0)
    // the overview's four charts are not repeated here
    await expect(page.getByTestId('chart-deployments')).toHaveCount(0)
    await expect(page.getByRole('form', { name: 'Filters' })).toBeAttached()

    const res = await request.get('/api/v1/metrics', { headers: auth(), params: { service, ...apiWindow, granularity: 'week' } })
    const m = (await res.json()).metrics[metric]
    // the service's row says the value and n the API gives for that service
    const row = page.getByTestId('breakdown-service').locator(`tr[data-slug="${service}"]`)
    const n = metric === 'deploymentFrequency' ? m.summary.count + m.summary.failed : m.sampleSize
    await expect(row.locator('td').nth(2)).toHaveText(String(n))
    await expect(row.locator('td').nth(1)).toHaveText(await page.getByTestId(`value-${metric}`).innerText())
    // one team in scope, with the same figures (its only service here)
    const teams = page.getByTestId('breakdown-team').locator('tbody tr')
    await expect(teams).toHaveCount(1)
    await expect(teams.locator('td').nth(2)).toHaveText(String(n))
  })
}

test('the lead time page names its columns with units and links each sha to its commit and deployment', async ({ page }) => {
  await page.goto(`/metrics/leadTime?${pageQuery()}`)
  const head = page.getByTestId('records').locator('thead')
  await expect(head).toContainText('Lead time')
  await expect(head).not.toContainText('seconds')
  const row = page.getByTestId('records').locator('tbody tr', { hasText: heads.get('w2a')!.slice(0, 7) })
  await expect(row.getByRole('link', { name: heads.get('w2a')!.slice(0, 7) })).toHaveAttribute('href', `${repositoryUrl}/commit/${heads.get('w2a')}`)
  await expect(row.locator('td').nth(7)).toHaveText('4 h') // lead time, after the pull request's stages (issue 25)
  await expect(row.getByRole('link', { name: 'w2a' })).toHaveAttribute('href', /^\/deployments\/\d+$/)
  // mean and median both, and the pull-request split
  const facts = page.getByTestId('facts')
  await expect(facts.locator('div', { hasText: /^Median/ }).locator('dd')).toHaveText('4 h')
  await expect(facts.locator('div', { hasText: /^Mean/ }).locator('dd')).toHaveText('4 h')
  await expect(facts).toContainText('Pull requests: first commit to merge (median)')
  await expect(facts).toContainText('Pull requests: merge to deploy (median)')
})

test('the time to restore page lists an incident still open with its age', async ({ page }) => {
  await page.goto(`/metrics/timeToRestore?service=${service}&range=7d`)
  const row = page.getByTestId('open-incidents').locator(`tr[data-incident="${openIncident}"]`)
  await expect(row).toContainText('Search slow')
  await expect(row.locator('td').nth(3)).toHaveText(/^3 h( \d+ min)?$/)
  await expect(row.getByRole('link', { name: openIncident })).toHaveAttribute('href', /^\/incidents\/\d+$/)
  await page.screenshot({ path: 'e2e/screenshots/metric-time-to-restore.png', fullPage: true })
})

test('a bucket that is not one of the range is refused, naming the field', async ({ page }) => {
  await page.goto(`/metrics/deploymentFrequency?${pageQuery({ bucket: '2026-03-10' })}`)
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be shown' })).toContainText('bucket: must be the start date of a week in the range')
})

test('a metric page draws the levels of the selected benchmark set, and its markers unless annotations=off', async ({ page }) => {
  await page.goto(`/metrics/changeFailureRate?${pageQuery()}`)
  const chart = page.getByTestId('chart-changeFailureRate')
  await expect(chart.locator('.level-line').first()).toBeAttached()
  await expect(chart.locator('.chart-annotation')).not.toHaveCount(0)
  await expect(page.getByTestId('metric-chart-legend')).toContainText('Markers')
  await page.goto(`/metrics/changeFailureRate?${pageQuery({ annotations: 'off' })}`)
  await expect(chart.locator('.level-line').first()).toBeAttached()
  await expect(chart.locator('.chart-annotation')).toHaveCount(0)
})
