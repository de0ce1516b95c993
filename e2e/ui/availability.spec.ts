import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { stateOf } from '../support/people'
import { auth, unique } from '../support/api'

// /availability from external probe results posted through the API: the uptime bar, status now, SLO.
const healthy = unique('avail-ok')
const failing = unique('avail-down')
const mixed = unique('avail-req')
const lastMinute = Math.floor(Date.now() / 60_000) * 60_000
const DAY = 86_400_000
const today = Math.floor(Date.now() / DAY) * DAY
const yesterday = (s: number) => new Date(today - DAY + 10 * 3_600_000 + s * 1000).toISOString()
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

test.beforeAll(async ({ request }) => {
  const post = async (service: string, at: string, up: boolean) => {
    const res = await request.post('/api/v1/availability', { headers: auth(), data: { service, check: 'synthetic', at, up, latency: 80 } })
    expect(res.status()).toBe(201)
  }
  // yesterday 10:00:30-10:02:00 down (90 s, three failures: an outage incident too, counted once)
  for (const [s, up] of [
    [0, true],
    [30, false],
    [60, false],
    [90, false],
    [120, true],
  ] as const)
    await post(healthy, yesterday(s), up)
  // down for the last 10 minutes, still down
  for (const [m, up] of [
    [20, true],
    [10, false],
    [9, false],
    [8, false],
  ] as const)
    await post(failing, minutesAgo(m), up)
  // probes and requests: an hour of 100,000 requests, 10 failed
  await post(mixed, minutesAgo(30), true)
  const window = {
    service: mixed,
    indicator: 'requests',
    from: new Date(lastMinute - 3_600_000).toISOString(),
    to: new Date(lastMinute).toISOString(),
    good: 99_990,
    total: 100_000,
  }
  expect((await request.post('/api/v1/availability', { headers: auth(), data: window })).status()).toBe(201)
})

const row = (page: Page, service: string) => page.getByTestId('availability').locator(`tr[data-service="${service}"]`)

test('availability shows a 90-day uptime bar per service with the downtime per day, status now and the SLO, worst first', async ({ page }) => {
  await page.goto('/availability')
  const ok = row(page, healthy)
  await expect(ok.getByRole('img')).toHaveAttribute('aria-label', /available over 90 days/)
  await expect(ok.locator('.uptime-cell')).toHaveCount(90)
  const day = new Date(today - DAY).toISOString().slice(0, 10)
  // observed from its first probe, yesterday 10:00: 90 s down in 14 h; the 88 days before have no data
  // (before issue 20 they were green, and yesterday read 99.896 % over 24 h)
  await expect(ok.locator(`.uptime-cell[data-day="${day}"]`)).toHaveAttribute('title', `${day}: 99.821% up, 1 min 30 s down`)
  await expect(ok.locator(`.uptime-cell[data-day="${day}"]`)).toHaveClass(/uptime-major/)
  await expect(ok.locator('.uptime-cell.uptime-full')).toHaveCount(1)
  await expect(ok.locator('.uptime-cell.uptime-none')).toHaveCount(88)
  await expect(ok).toContainText('up')
  await expect(ok).toContainText('99.9% over 30 days')
  await expect(ok).toContainText('about 44 min of downtime a month')
  // 43.2 min budget, 90 s spent, told from midpoint to midpoint of results 30 s apart: +/- 15 s at each edge
  await expect(ok).toContainText('42 min of 43 min')
  await expect(ok.getByTestId('slo-probes')).toContainText('1 min 30 s, ± 30 s down (SLO uses this)')
  await expect(ok.getByTestId('burn')).toHaveText(/^[\d.]+ \/ [\d.]+ \/ [\d.]+ \/ [\d.]+$/)

  // a service with both shows both; its SLO uses requests: 10 of 100,000 failed, 100 may at 99.9 %
  const both = row(page, mixed)
  await expect(both.getByTestId('slo-probes')).toContainText('probes: 100.00%')
  await expect(both.getByTestId('slo-requests')).toHaveText('requests: 99.99% · 10 of 100,000 failed (SLO uses this)')
  await expect(both.getByTestId('budget-requests')).toContainText('90 of 100 failed requests')

  const down = row(page, failing)
  await expect(down.locator('.badge')).toHaveText('down')
  await expect(down).toContainText('synthetic: failing since')
  // worst first: the service down for 10 minutes comes before the one down for 90 s
  const order = await page
    .getByTestId('availability')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')))
  expect(order.indexOf(failing)).toBeLessThan(order.indexOf(healthy))
})

test('the navigation links to availability and incidents', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('navigation').getByRole('link', { name: 'Availability' }).click()
  await expect(page.getByRole('heading', { name: 'Availability' })).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Incidents' }).click()
  await expect(page.getByRole('heading', { name: 'Incidents', exact: true })).toBeVisible()
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`availability (${colorScheme}) has no serious or critical axe violations`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateOf('admin'), colorScheme, viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto('/availability')
    const result = await new AxeBuilder({ page }).analyze()
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(
      bad.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      ),
    ).toEqual([])
    await page.screenshot({ path: `e2e/screenshots/availability-${colorScheme}.png` })
    await context.close()
  })
}
