import { expect, test, type Page } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'

// Trends a lead can read, on a scenario of its own (in UTC): one service with 4 deployments in the week
// before last, 6 and a failure last week, and 3 this week, which has not ended: this week is drawn apart
// and the chart's change figure compares last week with the one before, never with this one.
const service = unique('trend')
const DAY = 86_400_000
const now = Date.now()
const thisWeek = (() => {
  const d = new Date(now)
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY // Monday 00:00 UTC
})()
const key = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const lastWeek = thisWeek - 7 * DAY
const weekBefore = thisWeek - 14 * DAY

test.use({ timezoneId: 'UTC' })

test.beforeAll(async ({ request }) => {
  const post = async (finishedAt: number, status = 'success') => {
    const res = await request.post('/api/v1/deployments', {
      headers: auth(), data: deploymentBody({ service, status, startedAt: undefined, finishedAt: new Date(finishedAt).toISOString() }),
    })
    expect(res.status(), await res.text()).toBe(201)
  }
  for (let i = 0; i < 4; i++) await post(weekBefore + DAY + i * 3_600_000)
  for (let i = 0; i < 6; i++) await post(lastWeek + 2 * DAY + i * 3_600_000)
  await post(lastWeek + 3 * DAY, 'failure')
  // this week, between its Monday and now
  for (let i = 1; i <= 3; i++) await post(thisWeek + ((now - thisWeek) * i) / 4)
})

const chart = (page: Page, id: string) => page.getByTestId(id)

test('a partial last week is drawn apart, labelled "partial" and left out of the change figure', async ({ page }) => {
  await page.goto(`/?service=${service}`)
  const deployments = chart(page, 'chart-deployments')
  // 30 days: weekly buckets by default
  await expect(page.locator('.charts')).toHaveAttribute('data-granularity', 'week')
  // this week's bar is hatched, last week's is not
  await expect(deployments.locator(`.bar[data-bucket="${key(thisWeek)}"]`)).toHaveClass(/bar-partial/)
  await expect(deployments.locator(`.bar[data-bucket="${key(lastWeek)}"]`).first()).not.toHaveClass(/bar-partial/)
  await expect(deployments.locator('.bar-partial').first()).toBeVisible()
  // the x axis says so under the last bucket
  await expect(deployments.locator('.tick-partial').last()).toHaveText('partial')
  // the change compares the two whole weeks: 6 against 4, not this week's 3
  await expect(deployments.getByTestId('chart-change')).toHaveText('Last whole week: 6 deployments (was 4, +2)')
  // the tooltip of this week: partial, its values and its n
  await deployments.locator(`.bar[data-bucket="${key(thisWeek)}"]`).hover()
  const tip = deployments.getByTestId('chart-tooltip')
  await expect(tip).toContainText(`Week of`)
  await expect(tip).toContainText('partial:')
  await expect(tip.locator('dl')).toContainText('succeeded3')
  await expect(tip.locator('dl')).toContainText('n3')
})

test('rates from fewer than the minimum are hollow; level lines follow the benchmark set; markers can be turned off', async ({ page }) => {
  await page.goto(`/?service=${service}`)
  const cfr = chart(page, 'chart-change-failure')
  // the week before last has 4 deployments (below 5): hollow; last week 7: filled; this week: partial
  await expect(cfr.locator('.point-few')).toHaveCount(1)
  await expect(cfr.locator('.point-whole')).toHaveCount(1)
  await expect(cfr.locator('.point-partial').first()).toBeVisible()
  await expect(cfr.locator('.level-line')).toHaveCount(3)
  await expect(cfr).toContainText('elite ≤ 5%')
  // last week's failure is marked on the charts
  await expect(chart(page, 'chart-deployments').locator('.chart-annotation')).toHaveCount(1)
  await expect(chart(page, 'chart-deployments').locator('svg[role=application]')).toContainText('✕1')

  await page.goto(`/?service=${service}&benchmark=dora-2021&annotations=off`)
  await expect(cfr.locator('.level-line')).toHaveCount(2)
  await expect(cfr).toContainText('elite ≤ 15%')
  await expect(page.locator('.chart-annotation')).toHaveCount(0)
})

test('a rolling 7-day option draws a trailing figure per day', async ({ page }) => {
  await page.goto(`/?service=${service}&rolling=7`)
  await expect(page.locator('.charts')).toHaveAttribute('data-rolling', '7')
  await expect(chart(page, 'chart-deployments').getByRole('heading')).toHaveText('Deployments, trailing 7 days')
  // the first six days of the range have fewer than 7 days behind them: partial
  await expect(chart(page, 'chart-deployments').locator('.tick-partial').first()).toBeVisible()
})

test('filters apply on change and the URL carries only what differs from the defaults', async ({ page }) => {
  await page.goto(`/?service=${service}`)
  await page.getByLabel('Range').selectOption('90d')
  await expect(page).toHaveURL(new RegExp(`/\\?service=${service}&range=90d$`))
  await page.getByLabel('Buckets').selectOption('month')
  await expect(page).toHaveURL(new RegExp(`/\\?service=${service}&range=90d&granularity=month$`))
  await page.getByLabel('Time zone').fill('Asia/Tokyo')
  await expect(page).toHaveURL(/tz=Asia%2FTokyo/)
  await expect(page.getByTestId('scope')).toContainText('(Asia/Tokyo)')
  await page.getByLabel('Range').selectOption('30d')
  await expect(page).toHaveURL(new RegExp(`/\\?service=${service}&tz=Asia%2FTokyo$`))
})

test.describe("the browser's time zone is the default", () => {
  test.use({ timezoneId: 'America/New_York' })
  test('without a tz parameter the page is in the browser zone; the URL still wins', async ({ page }) => {
    await page.goto(`/?service=${service}`)
    // the first visit renders in UTC, tells the server the zone and renders again
    await expect(page.getByTestId('scope')).toContainText('(America/New_York)', { timeout: 20_000 })
    expect(new URL(page.url()).searchParams.has('tz')).toBe(false)
    await page.goto(`/?service=${service}&tz=Europe/Berlin`)
    await expect(page.getByTestId('scope')).toContainText('(Europe/Berlin)')
  })
})
