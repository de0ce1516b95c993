import { expect, test } from '@playwright/test'
import { stateOf } from '../support/people'
import { auth, unique } from '../support/api'
import { settleTimeZone } from '../support/time-zone'

// The overview for one service of the e2e team, built through the ingest API.
test('the overview shows every metric card and trend chart, and its filters live in the URL', async ({ page, request }) => {
  const service = unique('ov')
  const day = (d: number, h = 12) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`
  for (let d = 2; d <= 20; d += 2) {
    const res = await request.post('/api/v1/deployments', {
      headers: auth(),
      data: { id: `d${d}`, service, environment: 'production', status: d === 10 ? 'failure' : 'success', finishedAt: day(d), commits: [{ sha: `abcdef${String(d).padStart(2, '0')}`, committedAt: day(d, 6) }] },
    })
    expect(res.status()).toBe(201)
  }
  await page.goto(`/?service=${service}&range=custom&from=2026-03-01&to=2026-03-30&granularity=week`)
  // the first page's one refresh (time-zone report) would otherwise swallow the range change below
  await settleTimeZone(page)
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  for (const card of ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability', 'reworkRate', 'compliance']) {
    await expect(page.getByTestId(`card-${card}`)).toBeVisible()
  }
  // 9 successful deployments in 30 days = 2.1 a week; lead time 6 h; 1 failure in 10
  await expect(page.getByTestId('value-deploymentFrequency')).toHaveText('2.1 / week')
  await expect(page.getByTestId('value-leadTime')).toHaveText('6 h')
  await expect(page.getByTestId('value-changeFailureRate')).toHaveText('10.0%')
  await expect(page.getByTestId('value-compliance')).toHaveText('no data')
  await expect(page.getByTestId('compliance-coverage')).toContainText('0 of 1 service scanned in this range')
  for (const chart of ['deployments', 'lead-time', 'change-failure', 'restore']) {
    await expect(page.getByTestId(`chart-${chart}`).locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible()
  }
  // one bar per week with deployments (stacked: succeeded + failed)
  await expect(page.getByTestId('chart-deployments').locator('.recharts-bar-rectangle rect.bar')).not.toHaveCount(0)
  await page.screenshot({ path: 'e2e/screenshots/overview-light.png', fullPage: true })

  // changing a filter changes the URL and the numbers at once (no Apply button)
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0)
  await page.getByLabel('Range').selectOption('7d')
  await expect(page).toHaveURL(/range=7d/)
  await expect(page).toHaveURL(new RegExp(`service=${service}`))
  await expect(page.getByTestId('value-deploymentFrequency')).toHaveText('0 / month')
})

test('the overview follows a dark system theme', async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateOf('admin'), colorScheme: 'dark', viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.goto('/')
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).toBe('rgb(15, 17, 21)')
  await page.screenshot({ path: 'e2e/screenshots/overview-dark.png', fullPage: true })
  await context.close()
})

test('invalid filters show what is wrong and a way back', async ({ page }) => {
  await page.goto('/?tz=Mars/Olympus')
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be shown' })).toContainText('tz: must be an IANA time zone')
  await page.getByRole('link', { name: 'Reset the filters' }).click()
  await expect(page).toHaveURL(/\/$/)
})

test('a card drills down to the records that make up its number', async ({ page, request }) => {
  const service = unique('dd')
  for (const [id, status, at] of [['a', 'success', '2026-03-03T10:00:00Z'], ['b', 'failure', '2026-03-04T10:00:00Z'], ['c', 'success', '2026-03-05T10:00:00Z']]) {
    expect((await request.post('/api/v1/deployments', { headers: auth(), data: { id, service, environment: 'production', status, finishedAt: at } })).status()).toBe(201)
  }
  await page.goto(`/?service=${service}&range=custom&from=2026-03-01&to=2026-03-30`)
  await page.getByRole('link', { name: 'Change failure rate' }).click()
  await expect(page).toHaveURL(new RegExp(`/metrics/changeFailureRate\\?.*service=${service}`))
  await expect(page.getByTestId('value-changeFailureRate')).toHaveText('33.3%')
  const rows = page.getByTestId('records').locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(rows.filter({ hasText: 'failed' })).toHaveCount(1)
  await expect(page.getByTestId('records').locator('tbody tr[data-marked="true"]')).toHaveCount(1)
  await expect(page.getByTestId('coverage')).toContainText('Based on 3 records')
  await expect(page.getByTestId('chart-changeFailureRate').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible()
  await page.screenshot({ path: 'e2e/screenshots/metric-change-failure-rate.png', fullPage: true })
})
