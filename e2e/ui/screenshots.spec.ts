import { test } from '@playwright/test'
import { unique } from '../support/api'
import { everyPage, expectNoSidewaysScroll, seedEveryPage } from '../support/every-page'

// A screenshot of every page in both themes, on a 1440x900 screen and a 390 px phone, saved to
// test-results/screenshots/ for review; on the phone no page may scroll sideways.
const service = unique('shots')
let incidentId = 0

test.beforeAll(async ({ request }) => {
  incidentId = await seedEveryPage(request, service)
})

const sizes = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [size, viewport] of sizes) {
    test(`every page, ${colorScheme}, ${size}${size === 'phone' ? ': no sideways scroll' : ''}`, async ({ browser }) => {
      test.setTimeout(300_000)
      const context = await browser.newContext({ storageState: test.info().project.use.storageState, colorScheme, viewport })
      const page = await context.newPage()
      for (const [path] of everyPage(service, incidentId)) {
        await page.goto(path)
        await page.waitForLoadState('networkidle')
        const name = path === '/' ? 'overview' : path.slice(1).replace(/[/?=&]/g, '_').replace(service, 'service').replace(/incidents_\d+/, 'incident')
        await page.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}-${size}.png`, fullPage: true })
        if (size === 'phone') await expectNoSidewaysScroll(page, test.expect.soft)
      }
      await context.close()
    })
  }
}
