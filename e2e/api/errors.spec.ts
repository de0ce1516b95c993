import { expect, test } from '@playwright/test'
import { auth, deploymentBody, noDatabaseUrl, otherToken, unique } from '../support/api'

type Case = {
  name: string
  path?: string
  method?: 'POST' | 'GET'
  headers?: Record<string, string>
  body?: string
  status: number
  code: string
  fields?: string[]
}

const json = { 'Content-Type': 'application/json' }
const valid = () => JSON.stringify(deploymentBody())

// Every error status of the ingest API, through the real server; the body is always { error: { code, message } }.
const cases: Case[] = [
  { name: 'malformed JSON', headers: { ...auth(), ...json }, body: '{"id": "x",', status: 400, code: 'BAD_REQUEST' },
  { name: 'empty body', headers: { ...auth(), ...json }, body: '', status: 400, code: 'BAD_REQUEST' },
  { name: 'missing token', headers: json, body: '{}', status: 401, code: 'UNAUTHORIZED' },
  { name: 'unknown token', headers: { Authorization: 'Bearer pls_not-a-real-token', ...json }, body: '{}', status: 401, code: 'UNAUTHORIZED' },
  { name: 'not a bearer token', headers: { Authorization: 'Basic dXNlcjpwYXNz', ...json }, body: '{}', status: 401, code: 'UNAUTHORIZED' },
  { name: 'missing token on GET', method: 'GET', headers: {}, status: 401, code: 'UNAUTHORIZED' },
  { name: 'body over 1 MiB', headers: { ...auth(), ...json }, body: JSON.stringify({ id: 'x', pad: 'x'.repeat(1024 * 1024) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'text/plain', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{}', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form encoded', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'invalid fields, each named',
    headers: { ...auth(), ...json },
    body: JSON.stringify({ id: '', service: 'Bad Slug!', environment: 'production', status: 'done', finishedAt: '2026-05-01 10:00', commits: [{ sha: 'zz' }], rollback: 'yes', extra: 1 }),
    status: 422,
    code: 'VALIDATION_FAILED',
    fields: ['id', 'service', 'status', 'finishedAt', 'rollback', 'commits.0.sha', 'extra'],
  },
  { name: 'JSON array instead of object', headers: { ...auth(), ...json }, body: '[]', status: 422, code: 'VALIDATION_FAILED', fields: [''] },
  { name: 'JSON null', headers: { ...auth(), ...json }, body: 'null', status: 422, code: 'VALIDATION_FAILED' },
  { name: 'finishedAt before startedAt', headers: { ...auth(), ...json }, body: JSON.stringify(deploymentBody({ startedAt: '2026-05-02T00:00:00Z' })), status: 422, code: 'VALIDATION_FAILED', fields: ['finishedAt'] },
  { name: 'NUL character in a string', headers: { ...auth(), ...json }, body: JSON.stringify(deploymentBody({ version: 'a\u0000b' })), status: 422, code: 'VALIDATION_FAILED', fields: ['version'] },
  { name: 'PR number beyond int4', headers: { ...auth(), ...json }, body: JSON.stringify(deploymentBody({ commits: [{ sha: 'abcdef1', prNumber: 3_000_000_000 }] })), status: 422, code: 'VALIDATION_FAILED', fields: ['commits.0.prNumber'] },
  { name: 'DevLake body without commits', headers: { ...auth(), ...json }, body: JSON.stringify({ id: 'x', startedDate: '2024-05-01T10:01:00+00:00', finishedDate: '2024-05-01T10:09:00+00:00', deploymentCommits: [] }), status: 422, code: 'VALIDATION_FAILED', fields: ['deploymentCommits'] },
  { name: 'unknown query parameter on GET', method: 'GET', path: '/api/v1/deployments?colour=red', headers: auth(), status: 422, code: 'VALIDATION_FAILED', fields: ['colour'] },
  { name: 'limit out of range', method: 'GET', path: '/api/v1/deployments?limit=5000', headers: auth(), status: 422, code: 'VALIDATION_FAILED', fields: ['limit'] },
  { name: 'bad cursor', method: 'GET', path: '/api/v1/incidents?cursor=abc', headers: auth(), status: 422, code: 'VALIDATION_FAILED', fields: ['cursor'] },
  { name: 'incident with unknown cause deployment', path: '/api/v1/incidents', headers: { ...auth(), ...json }, body: JSON.stringify({ id: 'i', service: unique('svc'), title: 't', openedAt: '2026-05-01T10:00:00Z', causeDeploymentId: 'nope' }), status: 422, code: 'VALIDATION_FAILED', fields: ['causeDeploymentId'] },
]

for (const c of cases) {
  test(`${c.status} ${c.code}: ${c.name}`, async ({ request }) => {
    const res = await request.fetch(c.path ?? '/api/v1/deployments', { method: c.method ?? 'POST', headers: c.headers, data: c.body === undefined ? undefined : Buffer.from(c.body) })
    expect(res.status()).toBe(c.status)
    const body = await res.json()
    expect(body.error.code).toBe(c.code)
    expect(typeof body.error.message).toBe('string')
    if (c.fields) expect(body.error.fields.map((f: { path: string }) => f.path)).toEqual(c.fields)
  })
}

test('another team\'s slug: a service of the caller\'s own, answered like a slug nobody has, and nothing of theirs is written', async ({ request }) => {
  const mine = deploymentBody()
  expect((await request.post('/api/v1/deployments', { headers: auth(), data: mine })).status()).toBe(201)
  // reading it: the same answer as for a slug no team has (slugs are unique per team)
  const theirs = await request.get('/api/v1/deployments', { headers: auth(otherToken()), params: { service: mine.service } })
  const nobody = await request.get('/api/v1/deployments', { headers: auth(otherToken()), params: { service: unique('nobody') } })
  expect([theirs.status(), await theirs.json()]).toEqual([nobody.status(), await nobody.json()])
  // writing it: the other team's own service of that slug
  const own = { ...mine, status: 'failure' }
  expect((await request.post('/api/v1/deployments', { headers: auth(otherToken()), data: own })).status()).toBe(201)
  const incident = await request.post('/api/v1/incidents', { headers: auth(otherToken()), data: { id: 'i1', service: mine.service, title: 't', openedAt: '2026-05-01T10:00:00Z' } })
  expect(incident.status()).toBe(201)
  const stored = await (await request.get('/api/v1/deployments', { headers: auth(), params: { service: mine.service } })).json()
  expect(stored.data.map((d: { externalId: string; status: string }) => [d.externalId, d.status])).toEqual([[mine.id, mine.status]])
  const incidents = await (await request.get('/api/v1/incidents', { headers: auth(), params: { service: mine.service } })).json()
  expect(incidents.data).toEqual([])
})

test('503 with Retry-After when the database is unreachable', async ({ request }) => {
  const res = await request.post(`${noDatabaseUrl()}/api/v1/deployments`, { headers: { ...auth(), ...json }, data: Buffer.from(valid()) })
  expect(res.status()).toBe(503)
  expect(res.headers()['retry-after']).toBe('5')
  expect((await res.json()).error.code).toBe('DATABASE_UNAVAILABLE')
  const health = await request.get(`${noDatabaseUrl()}/api/health`)
  expect(health.status()).toBe(503)
})

test('bad input is never a 500', async ({ request }) => {
  const bodies = ['{"id":{}}', '{"id":"x","service":"a","environment":"production","status":"success","commits":"no"}', '{"__proto__":{"x":1}}', '1e999', '"string"', '{"id":"x","service":"a","environment":"production","status":"success","finishedAt":"2026-02-30T00:00:00Z"}', `{"id":"${'x'.repeat(300)}"}`, '{"id":"x","service":"a","environment":"production","status":"success","commits":[' + '{"sha":"abcdef1"},'.repeat(5001) + '{"sha":"abcdef2"}]}']
  for (const body of bodies) {
    const res = await request.post('/api/v1/deployments', { headers: { ...auth(), ...json }, data: Buffer.from(body) })
    expect(res.status(), body.slice(0, 80)).toBeGreaterThanOrEqual(400)
    expect(res.status(), body.slice(0, 80)).toBeLessThan(500)
  }
})
