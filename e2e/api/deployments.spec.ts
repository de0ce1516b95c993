import { expect, test, type APIResponse } from '@playwright/test'
import { auth, deploymentBody, sha, unique } from '../support/api'

test.describe('POST /api/v1/deployments', () => {
  test('creates a deployment with its commits (201), then a replay changes nothing (200)', async ({ request }) => {
    const head = sha()
    const body = deploymentBody({ sha: head, version: '1.4.2', strategy: 'canary', commits: [{ sha: head, committedAt: '2026-05-01T08:00:00Z', prNumber: 7, prMergedAt: '2026-05-01T09:00:00Z' }, { sha: sha(), authoredAt: '2026-04-30T08:00:00Z' }] })
    const created = await request.post('/api/v1/deployments', { headers: auth(), data: body })
    expect(created.status()).toBe(201)
    const first = await created.json()
    expect(first).toMatchObject({ outcome: 'created', data: { externalId: body.id, service: body.service, status: 'success', version: '1.4.2', strategy: 'canary', commitCount: 2, environmentTier: 'production' } })

    const replay = await request.post('/api/v1/deployments', { headers: auth(), data: body })
    expect(replay.status()).toBe(200)
    expect(await replay.json()).toMatchObject({ outcome: 'unchanged', data: { id: first.data.id, updatedAt: first.data.updatedAt } })
  })

  test('a later status for the same id updates it (in_progress -> success), a stale one does not', async ({ request }) => {
    const base = deploymentBody({ status: 'in_progress', finishedAt: undefined })
    expect((await request.post('/api/v1/deployments', { headers: auth(), data: base })).status()).toBe(201)
    const done = await request.post('/api/v1/deployments', { headers: auth(), data: { ...base, status: 'success', finishedAt: '2026-05-01T10:20:00Z' } })
    expect(done.status()).toBe(200)
    expect(await done.json()).toMatchObject({ outcome: 'updated', data: { status: 'success', finishedAt: '2026-05-01T10:20:00.000Z' } })
    const stale = await request.post('/api/v1/deployments', { headers: auth(), data: base })
    expect(await stale.json()).toMatchObject({ outcome: 'unchanged', data: { status: 'success' } })
  })

  test('accepts the DevLake webhook body and files it under the repository\'s service', async ({ request }) => {
    const repo = unique('repo')
    const commit = sha()
    const body = {
      id: unique('devlake'),
      displayTitle: 'Release 1.4.2',
      result: 'SUCCESS',
      environment: 'PRODUCTION',
      originalEnvironment: 'production',
      createdDate: '2024-05-01T10:00:00+00:00',
      startedDate: '2024-05-01T10:01:00+00:00',
      finishedDate: '2024-05-01T10:09:00+00:00',
      deploymentCommits: [{ repoUrl: `https://github.com/acme/${repo}`, commitSha: commit, refName: 'main', commitMsg: 'fix checkout', result: 'SUCCESS', status: 'DONE' }],
    }
    const res = await request.post('/api/v1/deployments', { headers: auth(), data: body })
    expect(res.status()).toBe(201)
    expect(await res.json()).toMatchObject({
      outcome: 'created',
      data: [{ service: repo, source: 'devlake', externalId: body.id, sha: commit, ref: 'main', status: 'success', finishedAt: '2024-05-01T10:09:00.000Z', commitCount: 1 }],
    })
    const again = await request.post('/api/v1/deployments', { headers: auth(), data: body })
    expect(again.status()).toBe(200)
    // the second post for the same repository reuses the service found by its URL
    const second = await request.post('/api/v1/deployments', { headers: auth(), data: { ...body, id: unique('devlake') } })
    expect((await second.json()).data[0].service).toBe(repo)
  })
})

test.describe('GET /api/v1/deployments', () => {
  test('filters by service and pages with a cursor', async ({ request }) => {
    const service = unique('svc')
    for (let i = 0; i < 5; i++) {
      const res = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, id: `d${i}`, finishedAt: `2026-05-0${i + 1}T10:00:00Z`, startedAt: undefined }) })
      expect(res.status()).toBe(201)
    }
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const res: APIResponse = await request.get('/api/v1/deployments', { headers: auth(), params: { service, limit: 2, ...(cursor ? { cursor } : {}) } })
      expect(res.status()).toBe(200)
      const page: { data: { externalId: string }[]; nextCursor: string | null } = await res.json()
      ids.push(...page.data.map((d: { externalId: string }) => d.externalId))
      cursor = page.nextCursor
    } while (cursor)
    expect(ids).toEqual(['d4', 'd3', 'd2', 'd1', 'd0'])

    const ranged = await request.get('/api/v1/deployments', { headers: auth(), params: { service, from: '2026-05-02T00:00:00Z', to: '2026-05-04T00:00:00Z' } })
    expect((await ranged.json()).data.map((d: { externalId: string }) => d.externalId)).toEqual(['d2', 'd1'])
  })
})
