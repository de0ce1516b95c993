import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'

// An admin removes a person in Settings → People; a browser signed in as that person is signed out on
// its next request.
test('removing a person signs their browser out at once', async ({ page, browser, baseURL }) => {
  const email = `leaver-${randomBytes(3).toString('hex')}@example.com`
  const password = `pw-${randomBytes(8).toString('hex')}`
  const created = await page.request.post('/api/settings/people', { data: { email, name: 'A leaver', role: 'viewer', teams: [], password }, headers: { origin: baseURL! } })
  expect(created.status()).toBe(201)

  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  const leaver = await theirs.newPage()
  await leaver.goto(`${baseURL}/sign-in?next=%2Fdeployments`)
  await leaver.getByLabel('Email').fill(email)
  await leaver.getByLabel('Password').fill(password)
  await leaver.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(leaver).toHaveURL(/\/deployments$/, { timeout: 20_000 })

  await page.goto('/settings')
  const row = page.getByTestId('settings-people').getByRole('row').filter({ hasText: email })
  await row.getByText('Change').click()
  page.once('dialog', (dialog) => dialog.accept())
  await row.getByRole('button', { name: `Remove ${email}` }).click()
  await expect(page.getByTestId('settings-people')).not.toContainText(email, { timeout: 20_000 })

  await leaver.reload()
  await expect(leaver).toHaveURL(/\/sign-in\?next=%2Fdeployments/)
  await theirs.close()
})
