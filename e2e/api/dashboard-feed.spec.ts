import { expect, test } from '@playwright/test'
import { auth, deploymentBody, noDatabaseUrl, unique } from '../support/api'
import { stateOf } from '../support/people'

// the dashboard's own JSON is for signed-in people
test.use({ storageState: stateOf('viewer') })

// GET /api/dashboard/deployments: the deployments page's refreshes.
test('returns the latest deployments of a service, newest first, with times as ISO strings', async ({ request }) => {
  const service = unique('feed-api')
  for (const [id, finishedAt] of [['a', '2026-05-01T10:00:00Z'], ['b', '2026-05-02T10:00:00Z']]) {
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, id, startedAt: undefined, finishedAt }) })
    expect(res.status()).toBe(201)
  }
  const res = await request.get(`/api/dashboard/deployments?service=${service}&status=success`)
  expect(res.status()).toBe(200)
  const body = await res.json()
  expect(body.deployments.map((d: { externalId: string }) => d.externalId)).toEqual(['b', 'a'])
  expect(body.deployments[0]).toMatchObject({ service, environment: 'production', status: 'success', finishedAt: '2026-05-02T10:00:00.000Z' })
  expect(Date.parse(body.asOf)).not.toBeNaN()
})

for (const [query, field] of [
  ['service=no-such-service-y', 'service'],
  ['environment=nowhere', 'environment'],
  ['status=exploded', 'status'],
  ['team=x', ''],
] as const) {
  test(`refuses ${query} with 422 naming the parameter`, async ({ request }) => {
    const res = await request.get(`/api/dashboard/deployments?${query}`)
    expect(res.status()).toBe(422)
    const body = await res.json()
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.message).toContain(field || 'team')
  })
}

test('answers 503 with Retry-After when the database is unreachable', async ({ request }) => {
  const res = await request.get(`${noDatabaseUrl()}/api/dashboard/deployments`)
  expect(res.status()).toBe(503)
  expect(res.headers()['retry-after']).toBeTruthy()
})
