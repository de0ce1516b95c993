import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { stateOf } from '../support/people'
import { auth, deploymentBody, unique } from '../support/api'

// /incidents and an incident's timeline, built through the API: a deployment the incident is
// attributed to, a probe failing around it, the resolution and the fixing deployment.
const service = unique('inc-ui')
const title = `Checkout errors ${service}`
const at = (hm: string) => `2026-05-01T${hm}:00Z`

test.beforeAll(async ({ request }) => {
  const post = async (path: string, data: unknown) => {
    const res = await request.post(path, { headers: auth(), data })
    expect(res.status(), `${path} ${JSON.stringify(data)}`).toBe(201)
  }
  await post('/api/v1/deployments', deploymentBody({ service, id: 'release-1', version: '1.4.0', startedAt: at('10:05'), finishedAt: at('10:09') }))
  await post('/api/v1/deployments', deploymentBody({ service, id: 'hotfix-1', version: '1.4.1', startedAt: at('10:50'), finishedAt: at('10:55') }))
  for (const [hm, up] of [['10:28', true], ['10:29', false], ['10:29:30', false], ['10:30', false], ['10:58', true]] as const) {
    await post('/api/v1/availability', { service, check: 'checkout-health', at: `2026-05-01T${hm.length === 5 ? `${hm}:00` : hm}Z`, up, detail: up ? undefined : 'status 502' })
  }
  await post('/api/v1/incidents', { id: unique('INC'), service, title, severity: 'SEV2', openedAt: at('10:30'), resolvedAt: at('11:00'), outage: true, fixDeploymentId: 'hotfix-1' })
})

test('incidents are listed with filters and each has a timeline of what happened', async ({ page }) => {
  await page.goto(`/incidents?service=${service}`)
  const rows = page.getByTestId('incidents').locator('tbody tr')
  await expect(rows).toHaveCount(2)
  // the filter applies on change (no Apply button), and the URL carries only what was chosen
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0)
  await page.getByLabel('Source').selectOption('probe')
  await expect(page).toHaveURL(new RegExp(`/incidents\\?service=${service}&source=probe$`))
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('checkout-health failing: status 502')
  await expect(rows.first()).toContainText('29 min')

  await page.goto(`/incidents?service=${service}&source=api`)
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('resolved')
  await expect(rows.first()).toContainText('30 min')
  await rows.first().getByRole('link', { name: title }).click()
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
  await expect(page.getByTestId('incident-facts')).toContainText('outage (counts as downtime)')
  const events = page.getByTestId('timeline').locator('li')
  expect(await events.evaluateAll((li) => li.map((l) => l.getAttribute('data-kind')))).toEqual(['deployment', 'probe-down', 'opened', 'fix', 'probe-up', 'resolved'])
  await expect(events.nth(0)).toContainText('Deployment release-1 (1.4.0) to production finished')
  await expect(events.nth(0)).toContainText('last successful deployment of the service and environment finished before the incident opened (within 72 h)')
  await expect(events.nth(1)).toContainText('Probe "checkout-health" failed')
  await expect(events.nth(1)).toContainText('status 502')
  await expect(events.nth(3)).toContainText('Fixing deployment hotfix-1 (1.4.1) to production finished')
  await expect(events.nth(5)).toContainText('time to restore 30 min')
  // signed in as an admin: the incident can be changed here (e2e/ui/settings-mutations.spec.ts does it)
  await expect(page.getByTestId('incident-actions')).toBeVisible()
})

test('an unknown filter value is refused with the field named', async ({ page }) => {
  await page.goto('/incidents?state=maybe')
  await expect(page.locator('.error-state')).toContainText('state:')
  await expect(page.getByRole('link', { name: 'Reset the filters' })).toHaveAttribute('href', '/incidents')
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`incident list and page (${colorScheme}) have no serious or critical axe violations`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateOf('admin'), colorScheme, viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(`/incidents?service=${service}`)
    const href = await page.getByRole('link', { name: title }).getAttribute('href')
    for (const path of [`/incidents?service=${service}`, href!]) {
      await page.goto(path)
      const result = await new AxeBuilder({ page }).analyze()
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(bad.map((v) => `${path} ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([])
    }
    await page.screenshot({ path: `e2e/screenshots/incident-${colorScheme}.png`, fullPage: true })
    await context.close()
  })
}
