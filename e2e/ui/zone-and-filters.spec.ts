import { expect, test, type Page } from '@playwright/test'
import { auth, deploymentBody, otherToken, unique } from '../support/api'
import { settleTimeZone } from '../support/time-zone'
import { TZ_COOKIE } from '@/lib/time/time-zone'

// The browser's zone in every table without a needless second render, filters that apply on change with
// only non-default parameters in the URL, and a service slug two teams share named with its team.
test.use({ timezoneId: 'Europe/Berlin' })

const service = unique('zone')
const shared = unique('shared')

test.beforeAll(async ({ request }) => {
  // 10:09 UTC on 1 May is 12:09 in Berlin (CEST)
  const first = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, id: 'zone-1', version: '1.0.0' }) })
  expect(first.status()).toBe(201)
  // the same slug in two teams, one deployment each
  for (const [t, version] of [[undefined, 'a-1'], [otherToken(), 'b-1']] as const) {
    const res = await request.post('/api/v1/deployments', { headers: auth(t), data: deploymentBody({ service: shared, id: `shared-${version}`, version }) })
    expect(res.status()).toBe(201)
  }
})

// The RSC requests a page makes after it loaded that are not link prefetches: router.refresh() is one.
function countRefreshes(page: Page): () => number {
  let n = 0
  page.on('request', (r) => {
    const h = r.headers()
    if (h['rsc'] === '1' && !Object.keys(h).some((k) => k.includes('prefetch'))) n += 1
  })
  return () => n
}

test('a 404 page reports the zone without drawing itself again; a page of times is drawn once more, in Berlin time', async ({ page }) => {
  await page.context().clearCookies({ name: TZ_COOKIE })
  const refreshes = countRefreshes(page)
  expect((await page.goto('/no-such-page-zone'))?.status()).toBe(404)
  await settleTimeZone(page)
  expect((await page.context().cookies()).find((c) => c.name === TZ_COOKIE)?.value).toBe('Europe/Berlin')
  expect(refreshes()).toBe(0)

  // the cookie is known now: the feed is in Berlin time at once, with no refresh
  await page.goto(`/deployments?service=${service}`)
  await expect(page.getByTestId('deployments')).toContainText('Finished (Europe/Berlin)')
  await expect(page.getByTestId('deployments').locator('tbody tr').first()).toContainText('2026-05-01 12:09')
  expect(refreshes()).toBe(0)

  // a browser that has not said its zone: the first page of times is drawn again once, in its zone
  await page.context().clearCookies({ name: TZ_COOKIE })
  await page.goto(`/deployments?service=${service}`)
  await settleTimeZone(page)
  await expect(page.getByTestId('deployments').locator('tbody tr').first()).toContainText('2026-05-01 12:09')
  expect(refreshes()).toBe(1)
})

test('the deployments feed filters by Berlin days and applies each filter on change, the URL carrying only what was chosen', async ({ page }) => {
  await page.goto(`/deployments?service=${service}`)
  await settleTimeZone(page)
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0)
  await page.getByLabel('From', { exact: true }).fill('2026-05-01')
  await expect(page).toHaveURL(new RegExp(`/deployments\\?service=${service}&from=2026-05-01$`))
  await page.getByLabel('To', { exact: true }).fill('2026-05-01')
  await expect(page).toHaveURL(new RegExp(`/deployments\\?service=${service}&from=2026-05-01&to=2026-05-01$`))
  await expect(page.getByTestId('deployments').locator('tbody tr')).toHaveCount(1)
  await page.locator('select[name="service"]').selectOption('')
  await expect(page).toHaveURL(/\/deployments\?from=2026-05-01&to=2026-05-01$/)
})

test('a service slug two teams share: /deployments asks which team, then lists that team\'s deployments only', async ({ page }) => {
  await page.goto(`/deployments?service=${shared}`)
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be shown' })).toContainText(`service "${shared}" is in several teams`)
  await expect(page.getByTestId('deployments')).toHaveCount(0)
  await page.goto(`/deployments?team=${process.env.E2E_TEAM}&service=${shared}`)
  const rows = page.getByTestId('deployments').locator('tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('a-1')
  const api = await page.request.get(`/api/dashboard/deployments?service=${shared}`)
  expect(api.status()).toBe(422)
  expect((await api.json()).error.fields[0].path).toBe('team')
})
