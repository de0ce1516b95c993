import { expect, test } from '@playwright/test'
import { auth, unique } from '../support/api'

test('services, a service, a team and the deployments feed', async ({ page, request }) => {
  const service = unique('sv')
  const now = Date.now()
  for (const [i, status] of ['success', 'failure', 'success'].entries()) {
    const finishedAt = new Date(now - (3 - i) * 86_400_000).toISOString()
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: { id: `x${i}`, service, environment: 'production', status, finishedAt, version: `1.0.${i}`, strategy: 'canary' } })
    expect(res.status()).toBe(201)
  }

  await page.goto('/services')
  const row = page.getByTestId('services').getByRole('row', { name: new RegExp(service) })
  await expect(row).toBeVisible()
  await expect(row.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible()
  await expect(row).toContainText('33.3%')
  await page.getByRole('link', { name: 'Change failure rate' }).click()
  await expect(page).toHaveURL(/sort=changeFailureRate/)
  await expect(page.getByRole('columnheader', { name: /Change failure rate/ })).toHaveAttribute('aria-sort', 'ascending')

  await row.getByRole('link', { name: service }).click()
  await expect(page).toHaveURL(new RegExp(`/services/${service}`))
  await expect(page.getByTestId('card-deploymentFrequency')).toBeVisible()
  await expect(page.getByTestId('deployments').getByRole('row')).toHaveCount(4)
  await expect(page.getByTestId('deployments')).toContainText('canary')

  await page.goto(`/teams/${process.env.E2E_TEAM}`)
  await expect(page.getByRole('heading', { name: /^Team / })).toBeVisible()
  await expect(page.getByTestId('chart-deployments').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible()

  await page.goto(`/deployments?service=${service}`)
  // the filter applies on change (no Apply button), and the URL carries only what was chosen
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0)
  await page.getByLabel('Status').selectOption('failure')
  await expect(page).toHaveURL(new RegExp(`/deployments\\?service=${service}&status=failure$`))
  await expect(page.getByTestId('deployments').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('deployments')).toContainText('1.0.1')
})

test('an unknown service or team is a 404 page', async ({ page }) => {
  expect((await page.goto('/services/no-such-service-x'))?.status()).toBe(404)
  expect((await page.goto('/teams/no-such-team-x'))?.status()).toBe(404)
  expect((await page.goto('/metrics/happiness'))?.status()).toBe(404)
})
