import { expect, test, type APIRequestContext } from '@playwright/test'
import { auth, otherToken, unique } from '../support/api'

// A small organisation posted through the ingest API, then its numbers read back through the metrics
// API and compared with answers computed by hand.
const H = 3600
const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(path, { headers: auth(), data })
  expect(res.status(), await res.text()).toBeLessThan(300)
}

test('golden scenario: every headline matches the hand-computed value', async ({ request }) => {
  const svc = unique('golden')
  const deploy = (id: string, finishedAt: string, extra: Record<string, unknown> = {}) =>
    post(request, '/api/v1/deployments', { id, service: svc, environment: 'production', status: 'success', finishedAt, ...extra })
  await post(request, '/api/v1/deployments', { id: 's1', service: svc, environment: 'staging', status: 'success', finishedAt: '2026-03-02T00:00:00Z', commits: [{ sha: 'a000001', committedAt: '2026-03-01T00:00:00Z' }] })
  await deploy('d1', '2026-03-03T00:00:00Z', { version: 'v1', commits: [{ sha: 'a000001' }, { sha: 'a000002', committedAt: '2026-03-02T18:00:00Z' }] })
  await deploy('d2', '2026-03-10T00:00:00Z', { version: 'v2', commits: [{ sha: 'a000003', committedAt: '2026-03-09T00:00:00Z' }] })
  await deploy('d3', '2026-03-10T06:00:00Z', { version: 'v1', commits: [{ sha: 'a000004', committedAt: '2026-03-10T04:00:00Z' }] })
  await deploy('d4', '2026-03-20T00:00:00Z', { version: 'v3', status: 'failure' })
  await deploy('d5', '2026-03-20T01:00:00Z', { version: 'v3', hotfix: true })
  await post(request, '/api/v1/incidents', { id: 'INC-1', service: svc, title: 'errors after v3', openedAt: '2026-03-21T00:00:00Z', resolvedAt: '2026-03-21T02:00:00Z', outage: true })

  const res = await request.get('/api/v1/metrics', { headers: auth(), params: { ...window, service: svc, granularity: 'week' } })
  expect(res.status()).toBe(200)
  const { metrics: m, scope } = await res.json()
  expect(scope).toMatchObject({ services: [svc], environments: expect.arrayContaining(['production']), tz: 'UTC' })

  // 4 successful production deployments (d4 failed) over 30 days, on 3 distinct days
  expect(m.deploymentFrequency.summary).toMatchObject({ count: 4, failed: 1, deploymentDays: 3 })
  expect(m.deploymentFrequency.headline.value).toBeCloseTo(4 / 30, 12)
  expect(m.deploymentFrequency.level).toBe('medium')
  // lead times: a000001 2 d (first production deploy d1), a000002 6 h, a000003 1 d, a000004 2 h -> median 15 h
  expect(m.leadTime.summary).toMatchObject({ count: 4, median: 15 * H })
  // 4 changes, below the minimum sample of 5: no level (it read elite before issue 20)
  expect([m.leadTime.level, m.leadTime.levelReason]).toEqual([null, 'not enough data: 4 of the 5 changes needed'])
  // d2 rolled back (d3 redeploys v1), d4 failed, d5 is the last success within 72 h before INC-1 -> 3 of 5
  expect(m.changeFailureRate.summary).toMatchObject({ deployments: 5, failures: 3, reasons: { failed: 1, rolledBack: 1, incident: 1 } })
  expect(m.changeFailureRate.headline.value).toBeCloseTo(0.6, 12)
  expect(m.changeFailureRate.level).toBe('low')
  // INC-1 restored in 2 h
  expect(m.timeToRestore.summary).toMatchObject({ count: 1, median: 2 * H, mean: 2 * H })
  // 1 restored incident, below the minimum of 3: no level (it read high before issue 20)
  expect(m.timeToRestore.level).toBeNull()
  // recovery: d2 -> d3 6 h; d4 -> d5 1 h; d5 -> INC-1 resolved 25 h -> median 6 h, mean 32 h / 3
  expect(m.failedDeploymentRecoveryTime.summary).toEqual({ median: 6 * H, mean: (32 * H) / 3, count: 3, unrecovered: 0 })
  // unplanned: d3 (rollback to v1), d5 (hotfix) of 5
  expect(m.reworkRate.summary).toMatchObject({ unplanned: 2, deployments: 5 })
  // 2 h of outage in 720 h
  expect(m.availability.headline.value).toBeCloseTo(1 - 2 / 720, 12)
  for (const name of Object.keys(m)) {
    expect(typeof m[name].definition).toBe('string')
    expect(typeof m[name].sampleSize).toBe('number')
  }

  const records = await request.get('/api/v1/metrics/changeFailureRate/records', { headers: auth(), params: { ...window, service: svc } })
  expect(records.status()).toBe(200)
  const failures = (await records.json()).data.filter((r: { changeFailure: boolean }) => r.changeFailure).map((r: { externalId: string }) => r.externalId)
  expect(failures.sort()).toEqual(['d2', 'd4', 'd5'])
})

test.describe('metrics API errors', () => {
  const cases: [string, Record<string, string>, number, string][] = [
    ['bad time zone', { tz: 'Mars/Olympus' }, 422, 'tz'],
    ['reversed range', { from: '2026-03-31T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 422, 'to'],
    ['unknown granularity', { granularity: 'fortnight' }, 422, 'granularity'],
    ['missing from', { from: '' }, 422, 'from'],
    ['unknown service', { service: 'no-such-service-x' }, 422, 'service'],
  ]
  for (const [name, params, status, field] of cases) {
    test(`${status} for ${name}, naming ${field}`, async ({ request }) => {
      const res = await request.get('/api/v1/metrics', { headers: auth(), params: { ...window, ...params } })
      expect(res.status()).toBe(status)
      expect((await res.json()).error.fields.map((f: { path: string }) => f.path)).toContain(field)
    })
  }

  test('403 for another team, 404 for an unknown metric, 401 without a token', async ({ request }) => {
    const team = process.env.E2E_TEAM!
    expect((await request.get('/api/v1/metrics', { headers: auth(otherToken()), params: { ...window, team } })).status()).toBe(403)
    expect((await request.get('/api/v1/metrics/happiness/records', { headers: auth(), params: window })).status()).toBe(404)
    expect((await request.get('/api/v1/metrics', { params: window })).status()).toBe(401)
  })
})
