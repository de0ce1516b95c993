import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { personEmail, personPassword, stateOf } from '../support/people'

// Sign-in flows against the real server: local password, and OIDC against the local provider
// (e2e/support/oidc-provider.ts, started by playwright.config.ts).
test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('a page sends you to sign in and back; a wrong password is refused', async ({ page }) => {
    await page.goto('/services?range=30d')
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fservices%3Frange%3D30d/)
    await page.getByLabel('Email').fill(personEmail('viewer'))
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.locator('.form-error')).toHaveText('Wrong email or password.')
    await page.getByLabel('Password').fill(personPassword())
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page).toHaveURL(/\/services\?range=30d$/, { timeout: 20_000 })
    await expect(page.getByText('E2E viewer')).toBeVisible()
    // signing out ends the session: the next page asks to sign in again
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in/)
    await page.goto('/deployments')
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdeployments/)
  })

  test('single sign-on through an OpenID Connect provider creates a viewer and signs them in', async ({ page }) => {
    const login = `sso-${randomBytes(3).toString('hex')}`
    await page.goto('/sign-in?next=%2Fincidents')
    await page.getByRole('button', { name: 'Sign in with Test SSO' }).click()
    // node-oidc-provider's development login and consent forms
    await page.locator('input[name="login"]').fill(login)
    await page.locator('input[name="password"]').fill('anything')
    await page.locator('button[type="submit"]').click()
    // the consent form, when the provider asks
    await page.waitForURL((url) => url.pathname === '/incidents' || url.pathname.includes('/interaction/'))
    if (page.url().includes('/interaction/')) await page.locator('button[type="submit"]').click()
    await expect(page).toHaveURL(/\/incidents$/, { timeout: 20_000 })
    await expect(page.getByText(`SSO ${login}`)).toBeVisible()
    await expect(page.getByText('(viewer)')).toBeVisible()
  })

  test('the API answers 401 without a session or token', async ({ request }) => {
    const res = await request.get('/api/v1/metrics')
    expect(res.status()).toBe(401)
  })
})

test.describe('as a viewer', () => {
  test.use({ storageState: stateOf('viewer') })

  test('reads dashboards but may not change a probe (403)', async ({ page, request, baseURL }) => {
    await page.goto('/')
    await expect(page.getByText('E2E viewer')).toBeVisible()
    const res = await request.post('/api/v1/slos', { data: { service: 'anything', target: 99 }, headers: { origin: baseURL! } })
    expect(res.status()).toBe(403)
  })
})
