import { expect, test } from '@playwright/test'
import { auth, sha, unique } from '../support/api'

// The lead time page's stages (issue 25) on a scenario of its own, made through the API: one pull request,
// first commit 9 March 08:00, ready 10:00, first review 13:00, merged 17:00, deployed 10 March 09:00
// (coding 2 h, pickup 3 h, review 4 h, deploy 16 h; 40 changed lines), and one change without a pull request.
const service = unique('stages')
const range = { range: 'custom', from: '2026-03-04', to: '2026-03-29', granularity: 'week', tz: 'UTC' }

test.beforeAll(async ({ request }) => {
  const [first, merge, direct] = [sha(), sha(), sha()]
  const deployment = await request.post('/api/v1/deployments', {
    headers: auth(),
    data: {
      id: unique('d'), service, environment: 'production', status: 'success', finishedAt: '2026-03-10T09:00:00Z', sha: merge,
      commits: [
        { sha: first, committedAt: '2026-03-09T08:00:00Z', prNumber: 5, prMergedAt: '2026-03-09T17:00:00Z' },
        { sha: merge, committedAt: '2026-03-09T17:00:00Z', prNumber: 5, prMergedAt: '2026-03-09T17:00:00Z' },
        { sha: direct, committedAt: '2026-03-10T07:00:00Z' },
      ],
    },
  })
  expect(deployment.status(), await deployment.text()).toBe(201)
  const pr = await request.post('/api/v1/pull-requests', {
    headers: auth(),
    data: {
      service, number: 5, title: 'Faster checkout', author: 'alice', openedAt: '2026-03-09T09:00:00Z', readyAt: '2026-03-09T10:00:00Z',
      firstReviewAt: '2026-03-09T13:00:00Z', mergedAt: '2026-03-09T17:00:00Z', additions: 30, deletions: 10,
    },
  })
  expect(pr.status(), await pr.text()).toBe(201)
})

test('the lead time page shows where changes wait, per stage and per pull request size', async ({ page }) => {
  await page.goto(`/metrics/leadTime?${new URLSearchParams({ service, ...range })}`)
  const stages = page.getByTestId('lead-time-stages')
  await expect(stages.getByRole('heading', { name: 'Where changes wait' })).toBeVisible()
  const median = (stage: string) => page.getByTestId('stage-table').locator(`tr[data-stage="${stage}"] td`).first()
  await expect(median('coding')).toContainText('2 h')
  await expect(median('pickup')).toContainText('3 h')
  await expect(median('review')).toContainText('4 h')
  // deploy: 16 h for the pull request, 2 h for the change without one: median 9 h
  await expect(median('deploy')).toContainText('9 h')
  await expect(page.getByTestId('without-pull-request')).toContainText('1 change(s) shipped without one (50')
  // the week of 9 March has a bar of its stage medians; the other weeks say no data
  await expect(page.getByTestId('stage-bars').getByRole('img', { name: /^2026-03-09: Coding 2 h, Pickup 3 h, Review 4 h, Deploy 9 h$/ })).toBeVisible()
  await expect(page.getByTestId('size-table').locator('tr', { hasText: '< 50' })).toContainText('1 d 1 h')
  // the records list the pull request's stage times beside each of its changes
  await expect(page.getByText('coding 2 h · pickup 3 h · review 4 h · deploy 16 h').first()).toBeVisible()
})
