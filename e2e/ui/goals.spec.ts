import { expect, test } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'

// An admin sets a team goal in Settings; /teams shows it judged against the team's value, the team's overview
// shows it under the card and draws it on the change failure rate chart, and so do the metric pages (with goals for
// frequency, availability and compliance set through the API); removing it takes it off everywhere.
test('a goal set in Settings is judged on /teams and drawn on the overview\'s and the metric pages\' charts', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000)
  const team = process.env.E2E_TEAM!
  const service = unique('goal-svc')
  // one failed deployment of one: a change failure rate of 100 %, so a 10 % goal is missed
  const finishedAt = new Date(Date.now() - 3_600_000).toISOString()
  // a token call, without the browser's session cookie
  const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
  const res = await api.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, status: 'failure', finishedAt }) })
  expect(res.status(), await res.text()).toBe(201)
  await api.dispose()

  await page.goto('/settings#goals')
  const form = page.getByRole('form', { name: 'Set a goal' })
  await form.locator('select[name=team]').selectOption(team)
  await form.locator('select[name=service]').selectOption(service)
  await form.locator('select[name=metric]').selectOption('changeFailureRate')
  await form.locator('input[name=target]').fill('10')
  await form.getByRole('button', { name: 'Set goal' }).click()
  const row = page.getByTestId('goals').getByRole('row', { name: new RegExp(service) })
  await expect(row).toContainText('≤ 10.0%', { timeout: 30_000 })

  await page.goto(`/teams/${team}`)
  const cell = page.getByTestId('scorecard').locator(`tr[data-row="${service}"] td[data-metric="changeFailureRate"]`)
  await expect(cell.getByTestId('goal-changeFailureRate')).toHaveAttribute('data-status', 'missed')
  await expect(cell).toContainText('goal ≤ 10.0%: missed')

  await page.goto(`/services/${service}?team=${team}`)
  await expect(page.getByTestId('card-changeFailureRate').getByTestId('goal-changeFailureRate')).toContainText('missed')
  await expect(page.getByTestId('chart-change-failure').locator('.goal-line')).toHaveCount(1)

  // the metric pages draw the service's goals too: a line at the target, and for a per-day frequency a step per bucket
  const tokenApi = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } })
  const ids: number[] = []
  for (const [metric, target] of [['deploymentFrequency', 2], ['availability', 0.9995], ['compliance', 80]] as const) {
    const set = await tokenApi.post('/api/v1/goals', { headers: auth(), data: { service, metric, target } })
    expect(set.status(), await set.text()).toBe(200)
    ids.push((await set.json()).data.id)
  }
  const scoped = `team=${team}&service=${service}`
  for (const [path, chart] of [
    ['changeFailureRate', 'chart-changeFailureRate'], ['deploymentFrequency', 'chart-deploymentFrequency'],
    ['availability', 'chart-availability'], ['compliance', 'chart-compliance'],
  ] as const) {
    await page.goto(`/metrics/${path}?${scoped}`)
    await expect(page.getByTestId(chart).locator('.goal-line'), path).not.toHaveCount(0)
  }
  for (const id of ids) expect((await tokenApi.delete(`/api/v1/goals/${id}`, { headers: auth() })).status()).toBeLessThan(300)
  await tokenApi.dispose()

  await page.goto('/settings#goals')
  await page.getByTestId('goals').getByRole('row', { name: new RegExp(service) }).getByRole('button', { name: /Remove the goal/ }).click()
  await expect(page.getByTestId('goals').getByRole('row', { name: new RegExp(service) })).toHaveCount(0, { timeout: 30_000 })
})
