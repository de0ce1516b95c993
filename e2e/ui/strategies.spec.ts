import { expect, test } from '@playwright/test'
import { auth, deploymentBody, unique } from '../support/api'

// Issue 22 end to end: deployments with strategies and a rollout through the API, the strategy filter and
// the comparison through the API, and the /strategies page in Chromium.
const service = unique('strat')
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()
const window = () => ({ from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() })

test.beforeAll(async ({ request }) => {
  // five canaries, the third aborted at 10 % of traffic; two rolling deployments (below the minimum sample)
  for (let i = 0; i < 5; i++) {
    const startedAt = hoursAgo(50 - i * 10)
    const aborted = i === 2
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({
      service, strategy: 'canary', status: aborted ? 'failure' : 'success', startedAt, finishedAt: hoursAgo(50 - i * 10 - 0.5),
      rollout: aborted
        ? { steps: [{ weight: 5, startedAt: hoursAgo(50 - i * 10 - 0.2) }, { weight: 10, startedAt: hoursAgo(50 - i * 10 - 0.3) }], abortedAt: hoursAgo(50 - i * 10 - 0.4) }
        : { readyAt: hoursAgo(50 - i * 10 - 0.1), promotedAt: hoursAgo(50 - i * 10 - 0.4) },
    }) })
    expect(res.status(), await res.text()).toBe(201)
  }
  for (const h of [5, 3]) {
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, strategy: 'rolling', startedAt: hoursAgo(h), finishedAt: hoursAgo(h - 0.5) }) })
    expect(res.status()).toBe(201)
  }
})

test('the API filters by strategy, compares the strategies and names a bad strategy or rollout field', async ({ request }) => {
  const metrics = await request.get('/api/v1/metrics', { headers: auth(), params: { service, strategy: 'canary', ...window() } })
  expect(metrics.status(), await metrics.text()).toBe(200)
  expect((await metrics.json()).metrics.changeFailureRate.summary).toMatchObject({ deployments: 5, failures: 1 })

  const compared = await request.get('/api/v1/metrics/strategies', { headers: auth(), params: { service, ...window() } })
  expect(compared.status(), await compared.text()).toBe(200)
  const canary = (await compared.json()).strategies.find((s: { strategy: string }) => s.strategy === 'canary')
  expect(canary).toMatchObject({ deployments: 5, changeFailureRate: { value: 0.2, failures: 1 }, blastRadius: { median: 10, known: 1 },
    downtime: { measured: 0, totalSeconds: null } })

  const bad = await request.get('/api/v1/deployments', { headers: auth(), params: { strategy: 'big_bang' } })
  expect(bad.status()).toBe(422)
  expect(JSON.stringify(await bad.json())).toContain('strategy')
  const badRollout = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, rollout: { steps: [{ weight: 120, startedAt: hoursAgo(1) }] } }) })
  expect(badRollout.status()).toBe(422)
  expect(JSON.stringify(await badRollout.json())).toContain('rollout.steps.0.weight')
})

test('/strategies compares them; too few deployments read "not enough data", no probes "no data"', async ({ page }) => {
  await page.goto(`/strategies?service=${service}&range=7d`)
  await expect(page).toHaveTitle('Deployment strategies · Plimsoll')
  const row = (s: string) => page.locator(`[data-testid="strategies"] tr[data-strategy="${s}"]`)
  await expect(row('canary').locator('td').nth(0)).toHaveText('5')
  await expect(row('canary').locator('td').nth(1)).toContainText('20.0%')
  await expect(row('canary').locator('td').nth(2)).toHaveText('10 % of traffic')
  await expect(row('canary').locator('td').nth(8)).toHaveText('no data')
  await expect(row('rolling').locator('td').nth(1)).toHaveText('not enough data')
  await expect(page.getByTestId('strategy-mix')).toContainText(service)
  // the overview takes the same filter from the URL and says so
  await page.goto(`/?service=${service}&range=7d&strategy=canary`)
  await expect(page.getByTestId('scope')).toContainText('strategies: canary')
  await expect(page.getByLabel('Strategy')).toHaveValue('canary')
})
