import { expect, test } from '@playwright/test'
import { truncateToHour } from '@/lib/demo/generate-demo'
import { lastCompletedQuarter, quarterPeriod } from '@/lib/reports/period'
import { startDemoServer, type DemoServer } from '../support/demo-server'

// The demo as npm start loads it (as of now): the overview shows availability from the probes and the
// compliance score from the scans, /availability has probe-based uptime for every service, and /reports
// lists the two quarterly reports the worker made from the load's queue (in the background: waited for).
const now = truncateToHour(new Date())
let demo: DemoServer

test.describe.configure({ mode: 'serial', timeout: 120_000 })
test.beforeAll(async () => {
  test.setTimeout(240_000)
  demo = await startDemoServer(Number(process.env.E2E_PORT ?? 3100) + 5, now)
})
test.afterAll(async () => demo?.stop())

test('the overview shows availability from the probes and compliance from the scans', async ({ page, request }) => {
  await page.goto(`${demo.baseURL}/`)
  const availability = page.getByTestId('value-availability')
  await expect(availability).toHaveText(/\d\s?%/)
  // probes saw downtime: not a perfect score
  expect(Number.parseFloat((await availability.textContent())!)).toBeLessThan(100)
  await expect(page.getByTestId('value-compliance')).toHaveText(/\d/)
  await expect(page.getByTestId('card-compliance')).toContainText('8 of 10 services scanned in this range')
  await expect(page.getByTestId('card-compliance')).toContainText('1 broken scan')
  // the probes' outage incidents are incidents like any other
  const res = await request.get(`${demo.baseURL}/api/v1/incidents`, { headers: { Authorization: `Bearer ${demo.token}` }, params: { service: 'search-api', limit: '500' } })
  expect(res.status()).toBe(200)
  const incidents = (await res.json()).data as { source: string; outage: boolean }[]
  expect(incidents.some((i) => i.source === 'probe' && i.outage)).toBe(true)
})

test('/availability shows probe-based uptime for every demo service', async ({ page }) => {
  await page.goto(`${demo.baseURL}/availability`)
  const rows = page.getByTestId('availability').locator('tbody tr')
  await expect(rows).toHaveCount(10)
  for (const row of await rows.all()) {
    await expect(row).toContainText('synthetic: passing')
    await expect(row).not.toContainText('no probes')
    await expect(row.locator('td').nth(2)).toHaveText(/\d\s?%/)
  }
  // five nines met by one service, missed by another
  expect(Number.parseFloat((await page.locator('tr[data-service="checkout-api"] td').nth(2).textContent())!)).toBeGreaterThanOrEqual(99.999)
  expect(Number.parseFloat((await page.locator('tr[data-service="search-api"] td').nth(2).textContent())!)).toBeLessThan(99.999)
  await expect(page.locator('tr[data-service="checkout-api"]')).toContainText('99.999% over 30 days')
  await expect(page.locator('tr[data-service="search-api"]')).toContainText('99.999% over this quarter')
  await expect(page.locator('tr[data-service="search-api"] td').nth(5)).toHaveClass(/status-failure/)
})

test('/reports lists the stored reports of the last two completed quarters', async ({ page }) => {
  const last = lastCompletedQuarter(now)
  const period = quarterPeriod(last.year, last.quarter, 'UTC')
  const rows = page.getByTestId('report-history').locator('tbody tr')
  // the worker builds the two PDFs after the load: reload until both are listed
  await expect(async () => {
    await page.goto(`${demo.baseURL}/reports`)
    await expect(rows).toHaveCount(2, { timeout: 1_000 })
  }).toPass({ timeout: 100_000, intervals: [1_000, 2_000] })
  await expect(rows.filter({ hasText: period.label })).toHaveCount(1)
  await expect(rows.filter({ hasText: period.previous.label })).toHaveCount(1)
  for (const row of await rows.all()) {
    await expect(row).toContainText('Organisation')
    await expect(row).toContainText('schedule')
    await expect(row).toContainText('PDF')
  }
})
