import { expect, test } from '@playwright/test'
import { auth, deploymentBody, sha, unique } from '../support/api'

test('an incident is created, linked to the deployment that caused it, and resolved later', async ({ request }) => {
  const service = unique('svc')
  const head = sha()
  const deploy = deploymentBody({ service, sha: head })
  expect((await request.post('/api/v1/deployments', { headers: auth(), data: deploy })).status()).toBe(201)

  const incident = { id: unique('INC'), service, environment: 'production', title: 'Checkout 500s', severity: 'SEV1', openedAt: '2026-05-01T11:00:00Z', outage: true, causeSha: head }
  const created = await request.post('/api/v1/incidents', { headers: auth(), data: incident })
  expect(created.status()).toBe(201)
  expect(await created.json()).toMatchObject({
    outcome: 'created',
    data: { externalId: incident.id, severity: 'critical', outage: true, resolvedAt: null, cause: { externalId: deploy.id, linkMethod: 'explicit_sha' } },
  })

  const resolved = await request.post('/api/v1/incidents', { headers: auth(), data: { id: incident.id, service, resolvedAt: '2026-05-01T12:30:00Z', fixDeploymentId: deploy.id } })
  expect(resolved.status()).toBe(200)
  expect(await resolved.json()).toMatchObject({ outcome: 'updated', data: { title: 'Checkout 500s', resolvedAt: '2026-05-01T12:30:00.000Z', fix: { externalId: deploy.id } } })

  const replay = await request.post('/api/v1/incidents', { headers: auth(), data: { id: incident.id, service, resolvedAt: '2026-05-01T12:30:00Z' } })
  expect(await replay.json()).toMatchObject({ outcome: 'unchanged' })

  const open = await request.get('/api/v1/incidents', { headers: auth(), params: { service, state: 'open' } })
  expect((await open.json()).data).toEqual([])
  const all = await request.get('/api/v1/incidents', { headers: auth(), params: { service } })
  expect((await all.json()).data.map((i: { externalId: string }) => i.externalId)).toEqual([incident.id])
})

test('a new incident without title or openedAt is refused with both fields named', async ({ request }) => {
  const res = await request.post('/api/v1/incidents', { headers: auth(), data: { id: unique('INC'), service: unique('svc') } })
  expect(res.status()).toBe(422)
  expect((await res.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(['title', 'openedAt'])
})
