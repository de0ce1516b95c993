import { expect, test } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'

// "No data is never a score" on a scenario of its own: a service with one deployment and no probes, and
// a service probed for the last hour that was down for 15 minutes of it.
const lone = unique('nodata-lone')
const probed = unique('nodata-probed')
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const DAY = 86_400_000
// the days of the 90-day bar before the first probe (an hour ago: yesterday, just after midnight UTC)
const daysBeforeFirstProbe = 89 - (Math.floor(Date.now() / DAY) - Math.floor((Date.now() - 60 * 60_000) / DAY))

test.beforeAll(async ({ request }) => {
  const deployed = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service: lone, startedAt: undefined, finishedAt: minutesAgo(90) }) })
  expect(deployed.status()).toBe(201)
  for (const [m, up] of [[60, true], [30, false], [29, false], [28, false], [15, true]] as const) {
    const res = await request.post('/api/v1/availability', { headers: auth(), data: { service: probed, check: 'synthetic', at: minutesAgo(m), up, latency: 50 } })
    expect(res.status()).toBe(201)
  }
})

test('the API leaves a service without probes out of availability and gives no level for one deployment', async ({ request }) => {
  const window = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }
  const res = await request.get('/api/v1/metrics', { headers: auth(), params: { service: `${lone},${probed}`, ...window } })
  expect(res.status(), await res.text()).toBe(200)
  const { metrics: m } = await res.json()
  // the probed service: observed for about an hour (from its first probe 60 min ago to now); down by the midpoint rule
  // (docs/availability.md) from halfway between the probes at -60 and -30 to halfway between -28 and -15, 23.5 min:
  // 1 - 23.5 / 60 = 0.608 when read at once, a little more as the hour grows; the lone one is not 100 %
  expect(m.availability.summary.withoutData).toEqual([lone])
  expect(m.availability.sampleSize).toBe(1)
  expect(m.availability.headline.value).toBeGreaterThan(0.6)
  expect(m.availability.headline.value).toBeLessThan(0.66)
  // one finished deployment: the rate is 0 %, but no level and no change figure
  expect(m.changeFailureRate.headline.value).toBe(0)
  expect(m.changeFailureRate.level).toBeNull()
  expect(m.changeFailureRate.levelReason).toBe('not enough data: 1 of the 5 finished deployments needed')
  expect(m.deploymentFrequency.level).toBeNull()
})

test('/availability shows "no data" for the service without probes and leaves it out of the organisation', async ({ page }) => {
  await page.goto('/availability')
  const row = page.getByTestId('availability').locator(`tr[data-service="${lone}"]`)
  await expect(row.getByRole('cell').nth(1)).toHaveText('no data')
  await expect(row.getByRole('cell').nth(2)).toHaveText('no data')
  await expect(row.locator('.uptime-cell.uptime-none')).toHaveCount(90)
  await expect(page.getByTestId('availability-without-data')).toContainText(lone)
  // the organisation's mean is over the rows with data only
  const rows = page.getByTestId('availability').locator('tbody tr')
  const withData = await rows.evaluateAll((trs) => trs.filter((tr) => tr.querySelectorAll('td')[2]?.textContent !== 'no data').length)
  await expect(page.getByTestId('availability-summary')).toContainText(`(mean over ${withData} service${withData === 1 ? '' : 's'} with data)`)
  // the probed one: observed from its first probe, so its day is not "100 %" and the days before it have no data
  const other = page.getByTestId('availability').locator(`tr[data-service="${probed}"]`)
  await expect(other.getByRole('cell').nth(2)).not.toHaveText('100.000%')
  await expect(other.locator('.uptime-cell.uptime-none')).toHaveCount(daysBeforeFirstProbe)
})

test('a service with one deployment shows "not enough data" and no level on its cards', async ({ page }) => {
  await page.goto(`/?service=${lone}&range=7d`)
  for (const name of ['deploymentFrequency', 'changeFailureRate']) {
    const card = page.getByTestId(`card-${name}`)
    await expect(card.getByTestId(`not-enough-${name}`)).toHaveText('not enough data')
    await expect(card.locator('.badge')).toHaveCount(0)
  }
  await expect(page.getByTestId('value-changeFailureRate')).toHaveText('0.0%')
  await expect(page.getByTestId('value-availability')).toHaveText('no data')
})
