import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Browser } from '@playwright/test'
import { stateOf } from '../support/people'
import { auth, unique } from '../support/api'

// No serious or critical axe violations on any page, in light and dark themes; a screenshot of each
// goes to e2e/screenshots/ for review.
const service = unique('a11y')
const pages: [string, () => string][] = [
  ['overview', () => '/'],
  ['services', () => '/services'],
  ['service', () => `/services/${service}`],
  ['team', () => `/teams/${process.env.E2E_TEAM}`],
  ['deployments', () => '/deployments'],
  ['metric-lead-time', () => '/metrics/leadTime'],
  ['api-reference', () => '/docs/api'],
  ['settings', () => '/settings'],
]

test.beforeAll(async ({ request }) => {
  const res = await request.post('/api/v1/deployments', { headers: auth(), data: { id: 'a1', service, environment: 'production', status: 'success', finishedAt: new Date().toISOString() } })
  expect(res.status()).toBe(201)
})

// axe walks the whole page: on a loaded 2-core machine one check can take over 15 s, and /settings (every team and
// service with its forms) near a minute
test.describe.configure({ timeout: 120_000 })

const signedOut = { cookies: [], origins: [] }

async function checkPage(browser: Browser, colorScheme: 'light' | 'dark', name: string, path: string, storageState: string | typeof signedOut) {
  const context = await browser.newContext({ storageState, colorScheme, viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.goto(path)
  await page.waitForLoadState('networkidle')
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([])
  await page.screenshot({ path: `e2e/screenshots/${name}-${colorScheme}.png`, fullPage: true })
  await context.close()
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [name, path] of pages) {
    test(`${name} (${colorScheme}) has no serious or critical violations`, async ({ browser }) => {
      await checkPage(browser, colorScheme, name, path(), stateOf('admin'))
    })
  }
  test(`sign-in (${colorScheme}) has no serious or critical violations`, async ({ browser }) => {
    await checkPage(browser, colorScheme, 'sign-in', '/sign-in', signedOut)
  })
}
