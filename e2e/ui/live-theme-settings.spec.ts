import { expect, test } from '@playwright/test'
import { stateOf } from '../support/people'
import { auth, deploymentBody, noDatabaseUrl, unique } from '../support/api'

test('the deployments feed shows a new deployment without a reload', async ({ page, request }) => {
  const service = unique('feed')
  const first = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, id: 'f1', startedAt: undefined, finishedAt: new Date().toISOString() }) })
  expect(first.status()).toBe(201)
  await page.goto(`/deployments?service=${service}`)
  const rows = page.getByTestId('deployments').locator('tbody tr')
  await expect(rows).toHaveCount(1)
  const asOf = await page.getByTestId('feed-as-of').getAttribute('datetime')
  const second = await request.post('/api/v1/deployments', {
    headers: auth(), data: deploymentBody({ service, id: 'f2', status: 'failure', version: '2.0.0', startedAt: undefined, finishedAt: new Date().toISOString() }),
  })
  expect(second.status()).toBe(201)
  // refreshed in the background (every 5 s): the new row arrives, newest first, with no navigation
  await expect(rows).toHaveCount(2, { timeout: 15_000 })
  await expect(rows.first()).toContainText('failure')
  await expect(rows.first()).toContainText('2.0.0')
  expect(await page.getByTestId('feed-as-of').getAttribute('datetime')).not.toBe(asOf)
  expect(page.url()).toContain(`service=${service}`)
})

test('the feed refuses a filter naming no service, and says how to reset it', async ({ page }) => {
  await page.goto('/deployments?service=no-such-service-x')
  await expect(page.locator('.error-state')).toContainText('service: no service "no-such-service-x"')
  await expect(page.getByRole('link', { name: 'Reset the filters' })).toHaveAttribute('href', '/deployments')
})

test('the theme toggle switches to dark and light, keeps the choice, and returns to the system theme', async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateOf('admin'), colorScheme: 'light' })
  const page = await context.newPage()
  await page.goto('/services')
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const light = await background()
  await page.getByRole('radio', { name: 'Dark' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const dark = await background()
  expect(dark).not.toBe(light)
  // the server renders the next page in the chosen theme (a cookie), so nothing flashes
  await page.goto('/deployments')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true')
  expect(await background()).toBe(dark)
  await page.getByRole('radio', { name: 'System' }).click()
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/)
  expect(await background()).toBe(light)
  await context.close()
})

test('settings list teams, services and tokens, and give a curl command with this server\'s address', async ({ page, request, baseURL }) => {
  const service = unique('settings')
  const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, startedAt: undefined, finishedAt: new Date().toISOString() }) })
  expect(res.status()).toBe(201)
  await page.goto('/settings')
  await expect(page.getByTestId('curl-example')).toContainText(`curl -sS -X POST ${baseURL}/api/v1/deployments`)
  await expect(page.getByTestId('settings-teams')).toContainText(process.env.E2E_TEAM!)
  await expect(page.getByTestId('settings-services').getByRole('row', { name: new RegExp(service) })).toContainText('whole repository')
  await expect(page.getByTestId('settings-tokens')).toContainText('active')
  // GitHub repositories with their sync state (the global setup connected one, without an API token)
  await expect(page.getByTestId('settings-github').getByRole('row', { name: /codertocat\/hello-world/ }).first()).toContainText('webhooks only')
  // only the prefix of a token is ever shown
  await expect(page.getByTestId('settings-tokens')).not.toContainText(process.env.E2E_TOKEN!)
})

test('a page whose database is down answers 503 with Retry-After, never a session-less page', async ({ page }) => {
  const res = await page.goto(`${noDatabaseUrl()}/services`)
  expect(res?.status()).toBe(503)
  expect(res?.headers()['retry-after']).toBeTruthy()
  await expect(page.getByText('cannot reach its database')).toBeVisible()
})
