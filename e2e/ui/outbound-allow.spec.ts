import { expect, test } from '@playwright/test'
import { auth, unique } from '../support/api'

// An admin allows an internal host in Settings; the checks API then accepts a body check on it, and
// refuses it again once the entry is removed. (The guard itself: lib/net/*.test.ts; the API's refusals of
// internal addresses: lib/probes/check-guard.integration.test.ts.) Names here are never looked up.
test('an admin allow-lists an internal host for checks, and takes it off again', async ({ page, playwright, baseURL }) => {
  // the settings page is rendered again after each change (router.refresh): slow on a busy machine
  test.setTimeout(150_000)
  const host = `${unique('status')}.e2e.test`
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
  const check = (name: string) => api.post('/api/v1/checks', {
    headers: auth(),
    data: { service: unique('allow-svc'), name, kind: 'http', url: `http://${host}/health`, bodyContains: 'ok', intervalSeconds: 60, timeoutMs: 2000 },
  })
  const refusedBefore = await check('before')
  expect(refusedBefore.status()).toBe(422)
  expect((await refusedBefore.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(['bodyContains'])
  const loopback = await api.post('/api/v1/checks', { headers: auth(), data: { service: unique('allow-svc'), name: 'db', kind: 'tcp', host: '0177.0.0.1', port: 5432 } })
  expect([loopback.status(), (await loopback.json()).error.message]).toEqual([422, expect.stringContaining('host: is a loopback address')])

  await page.goto('/settings')
  const form = page.getByRole('form', { name: 'Allow an internal target' })
  await form.getByLabel('Host or range').fill('not a host')
  await form.getByRole('button', { name: 'Allow' }).click()
  await expect(form).toContainText('must be a host name', { timeout: 30_000 })
  await form.getByLabel('Host or range').fill(host.toUpperCase())
  await form.getByLabel('Why').fill('internal status page')
  await form.getByRole('button', { name: 'Allow' }).click()
  const row = page.getByTestId('outbound-allow').getByRole('row', { name: new RegExp(host) })
  await expect(row).toContainText('internal status page', { timeout: 30_000 })
  await page.screenshot({ path: 'e2e/screenshots/settings-outbound-allow.png', fullPage: true })

  expect((await check('after')).status()).toBe(201)

  await row.getByRole('button', { name: `Remove ${host}` }).click()
  await expect(row).toHaveCount(0, { timeout: 30_000 })
  expect((await check('removed')).status()).toBe(422)
  await api.dispose()
})
