import { expect, test } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'

test('the overview lists a service once a deployment is posted for it', async ({ page, request }) => {
  const service = unique('ui-svc')
  const now = new Date().toISOString()
  const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, startedAt: undefined, finishedAt: now }) })
  expect(res.status()).toBe(201)
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  const row = page.getByRole('row', { name: new RegExp(service) })
  await expect(row).toBeVisible()
  // its one deployment, as the frequency over the default 30 days, and no level from one sample
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^1 \/ month\s*not enough data$/)
})

test('the API reference page documents both endpoints', async ({ page }) => {
  await page.goto('/docs/api')
  await expect(page.getByRole('heading', { name: 'API reference' })).toBeVisible()
  await expect(page.getByText('POST /api/v1/deployments')).toBeVisible()
  await expect(page.getByText('POST /api/v1/incidents')).toBeVisible()
  await expect(page.locator('#schema-DeploymentInput')).toContainText('environmentTier')
  await page.screenshot({ path: 'test-results/api-reference.png', fullPage: false })
})
