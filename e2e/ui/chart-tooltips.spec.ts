import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'
import { settleTimeZone } from '../support/time-zone'

// The charts' tooltips, bands and highlights follow the theme: in dark mode a tooltip is a dark card
// with light text (it was a white box with near-white text), and axe finds no serious or critical
// issue with a tooltip open, in either theme.
const service = unique('tooltip')

test.beforeAll(async ({ request }) => {
  for (let i = 0; i < 3; i++) {
    const finishedAt = new Date(Date.now() - (i + 1) * 86_400_000).toISOString()
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, startedAt: undefined, finishedAt }) })
    expect(res.status()).toBe(201)
  }
})

const themed = { light: { bg: 'rgb(255, 255, 255)', fg: 'rgb(22, 24, 29)' }, dark: { bg: 'rgb(23, 26, 33)', fg: 'rgb(231, 233, 238)' } }

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a chart tooltip is themed and accessible (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: test.info().project.use.storageState, colorScheme, viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(`/?service=${service}&range=7d`)
    await settleTimeZone(page)
    const chart = page.getByTestId('chart-deployments')
    await chart.locator('.bar').first().hover()
    const tip = chart.getByTestId('chart-tooltip')
    await expect(tip).toBeVisible()
    await expect(tip).toContainText('n')
    const colours = await tip.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }))
    expect(colours).toEqual(themed[colorScheme])
    const result = await new AxeBuilder({ page }).analyze()
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([])
    await expect(tip).toBeVisible()
    await page.screenshot({ path: `test-results/screenshots/chart-tooltip-${colorScheme}.png` })
    await context.close()
  })
}
