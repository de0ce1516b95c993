import { expect, test } from '@playwright/test'
import { unique } from '../support/api'
import { everyPage, expectNoSidewaysScroll, seedEveryPage } from '../support/every-page'
import { settleTimeZone } from '../support/time-zone'

// Page basics on a 390 px phone: every page has its own title, marks itself in the navigation (folded
// into a menu) and never scrolls sideways; an unknown address gets a 404 in the app's layout.
test.use({ viewport: { width: 390, height: 844 } })

const service = unique('basics')
let incidentId = 0

test.beforeAll(async ({ request }) => {
  incidentId = await seedEveryPage(request, service)
})

test('every page has its title, marks itself in the navigation and does not scroll sideways at 390 px', async ({ page }) => {
  test.setTimeout(240_000)
  for (const [path, title, current] of everyPage(service, incidentId)) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(200)
    // soft: one run names every page that falls short, not only the first
    await expect.soft(page, path).toHaveTitle(`${title} · Plimsoll`)
    await expect(page.locator('[data-testid="loading-skeleton"]')).toHaveCount(0)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect.soft(nav.locator('a[aria-current="page"]'), path).toHaveText(current)
    await expect.soft(nav.locator('a[aria-current]'), path).toHaveCount(1)
    await expectNoSidewaysScroll(page, expect.soft)
  }
})

test('on a phone the navigation is a menu and the filters are folded away', async ({ page }) => {
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  const menu = nav.getByRole('button', { name: 'Menu' })
  await expect(nav.getByRole('link', { name: 'Services' })).toBeHidden()
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByRole('form', { name: 'Filters' })).toBeHidden()
  await page.getByText('Filters', { exact: true }).click()
  await expect(page.getByRole('form', { name: 'Filters' })).toBeVisible()
  await expectNoSidewaysScroll(page)

  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await nav.getByRole('link', { name: 'Services' }).click()
  await expect(page).toHaveURL(/\/services$/)
  await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Services' })).toBeHidden()
})

test('the favicon is served', async ({ page, request }) => {
  await page.goto('/services')
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href')
  expect(href).toBeTruthy()
  const icon = await request.get(href!)
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toContain('image/svg+xml')
})

test('an unknown address is a 404 page in the app layout with a way back', async ({ page }) => {
  await page.goto('/')
  await settleTimeZone(page)
  for (const path of ['/no-such-page', `/services/${unique('missing')}`, '/metrics/noSuchMetric']) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(404)
    // a missing service keeps its page's title (naming only the slug of the address)
    if (!path.startsWith('/services/')) await expect(page, path).toHaveTitle('Page not found · Plimsoll')
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Menu' })).toBeVisible()
    await expectNoSidewaysScroll(page)
  }
  await page.getByRole('link', { name: 'Back to the overview' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible()
})
