import { expect, test } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'
import { personEmail, stateOf } from '../support/people'

// Changes made in the dashboard by the people allowed to make them (the API checks every role again:
// lib/settings/settings-routes.integration.test.ts, lib/incidents/manual-incident.integration.test.ts).
const metrics = '/api/v1/metrics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'

test.describe('as a maintainer of the e2e team', () => {
  test.use({ storageState: stateOf('maintainer') })

  test('token creation works: shown once, accepted by the API with its scopes, and revoked', async ({ page, playwright, baseURL }) => {
    const name = unique('pipeline')
    await page.goto('/settings')
    const form = page.getByTestId('token-form')
    await form.getByLabel('Team').selectOption(process.env.E2E_TEAM!)
    await form.getByLabel('Name').fill(name)
    await form.getByLabel('read', { exact: true }).check()
    await form.getByRole('button', { name: 'Create token' }).click()
    const shown = page.getByTestId('new-token')
    await expect(shown).toContainText('it is not shown again')
    const secret = (await shown.locator('pre').textContent())!.trim()
    expect(secret).toMatch(/^pls_[A-Za-z0-9_-]{43}$/)
    await expect(shown.getByRole('button', { name: 'Copy the token' })).toBeVisible()
    const row = page.getByTestId('settings-tokens').getByRole('row', { name: new RegExp(name) })
    await expect(row).toContainText('ingest, read')
    await expect(row).toContainText('active')
    await page.screenshot({ path: 'e2e/screenshots/settings-token-created.png', fullPage: true })

    // a caller without the browser's session: the token alone opens the API
    const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
    expect((await api.get(metrics, { headers: auth(secret) })).status()).toBe(200)

    await page.reload()
    await expect(page.getByTestId('new-token')).toHaveCount(0)
    expect(await page.content()).not.toContain(secret)
    page.once('dialog', (dialog) => dialog.accept())
    await row.getByRole('button', { name: 'Revoke' }).click()
    await expect(row).toContainText('revoked')
    expect((await api.get(metrics, { headers: auth(secret) })).status()).toBe(401)
    await api.dispose()
  })
})

test.describe('as a viewer', () => {
  test.use({ storageState: stateOf('viewer') })

  test('settings and incidents offer no changes', async ({ page }) => {
    await page.goto('/settings')
    await expect(page.getByText('You can look but not change')).toBeVisible()
    await expect(page.getByTestId('token-form')).toHaveCount(0)
    await expect(page.getByRole('button', { name: /Revoke|Create/ })).toHaveCount(0)
    await expect(page.getByTestId('settings-people')).toHaveCount(0)
    await page.goto('/incidents')
    await expect(page.getByText('Open an incident')).toHaveCount(0)
  })
})

// The default state: an admin.
test('an admin sees the people with their role, teams and sign-in methods, and the team and service forms', async ({ page }) => {
  await page.goto('/settings')
  const maintainer = page.getByTestId('settings-people').getByRole('row', { name: new RegExp(personEmail('maintainer')) })
  await expect(maintainer).toContainText('maintainer')
  await expect(maintainer).toContainText(process.env.E2E_TEAM!)
  await expect(maintainer).toContainText('password')
  await expect(page.getByRole('form', { name: 'New team' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'New service' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Add a person' })).toBeVisible()
  await page.screenshot({ path: 'e2e/screenshots/settings-admin.png', fullPage: true })
})

// The weekly digest goes out at 09:00 on Monday in the team's time zone (issue 24): an admin sets it in Settings.
test('an admin creates a team and sets its time zone; a zone that does not exist is refused, naming the field', async ({ page }) => {
  const slug = unique('tz-team')
  await page.goto('/settings')
  const create = page.getByRole('form', { name: 'New team' })
  await create.getByLabel('Slug').fill(slug)
  await create.getByLabel('Name').fill(`Team ${slug}`)
  await create.getByRole('button', { name: 'Create team' }).click()
  const row = page.getByTestId('settings-teams').getByRole('row', { name: new RegExp(slug) })
  await expect(row).toContainText('UTC', { timeout: 30_000 })

  await row.getByText('Edit').click()
  const edit = row.getByRole('form', { name: `Edit team ${slug}` })
  await edit.getByLabel('Time zone').fill('Mars/Olympus_Mons')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit.getByRole('alert')).toContainText('timeZone')
  await edit.getByLabel('Time zone').fill('Asia/Kathmandu')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('settings-teams').getByRole('row', { name: new RegExp(slug) })).toContainText('Asia/Kathmandu', { timeout: 30_000 })
  await page.reload()
  await expect(page.getByTestId('settings-teams').getByRole('row', { name: new RegExp(slug) })).toContainText('Asia/Kathmandu')
})

test.describe('as an admin whose browser is in Berlin', () => {
  test.use({ timezoneId: 'Europe/Berlin' })

  test('an admin opens an incident by hand, links the deployment that caused it, resolves it and marks it as an outage', async ({ page, request }) => {
    const service = unique('by-hand')
    const title = `Payments failing ${service}`
    const deployed = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, id: 'release-7', version: '7.0.0' }) })
    expect(deployed.status()).toBe(201)

    await page.goto('/incidents')
    await page.getByText('Open an incident').click()
    const form = page.getByRole('form', { name: 'Open an incident' })
    await form.getByLabel('Service').selectOption(service)
    await form.getByLabel('Title').fill(title)
    await form.getByLabel('Severity').selectOption('high')
    // the browser's wall-clock time: 14:00 in Berlin (CEST) is 12:00 UTC
    await form.getByLabel(/^Opened/).fill('2026-05-01T14:00')
    await form.getByRole('button', { name: 'Open incident' }).click()
    await expect(page).toHaveURL(/\/incidents\/\d+$/)
    await expect(page.getByRole('heading', { name: title })).toBeVisible()

    const actions = page.getByTestId('incident-actions')
    // the service's only deployment is the one offered first
    await expect(actions.getByLabel('Caused by deployment')).toContainText('release-7 (7.0.0) · production')
    await actions.getByRole('button', { name: 'Link' }).click()
    await expect(page.getByTestId('timeline')).toContainText('linked by hand')
    // shown back in the browser's zone too (Berlin), as every table is unless the URL names another
    await expect(page.getByTestId('timeline').locator('li[data-kind="opened"]')).toContainText('2026-05-01 14:00:00')
    await actions.getByRole('button', { name: 'Resolve now' }).click()
    await expect(page.getByTestId('incident-facts')).toContainText('resolved')
    await actions.getByRole('button', { name: 'Mark as outage' }).click()
    await expect(page.getByTestId('incident-facts')).toContainText('outage (counts as downtime)')
    await expect(actions.getByRole('button', { name: 'Reopen' })).toBeVisible()
    await page.screenshot({ path: 'e2e/screenshots/incident-changed-by-hand.png', fullPage: true })
  })
})
