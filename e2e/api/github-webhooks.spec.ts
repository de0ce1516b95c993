import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { expect, test } from '@playwright/test'
import { sign } from '@octokit/webhooks-methods'
import { noDatabaseUrl } from '../support/api'

// POST /api/webhooks/github through the real server: verified against the connection's secret, stored
// once, answered 202 (processing is the worker's; lib/github/webhooks.integration.test.ts covers it).
// the package's entry is a JSON file, which Playwright's ESM loader will not import without an attribute
const examples: unknown = createRequire(import.meta.url)('@octokit/webhooks-examples')
const payload = JSON.stringify((examples as { name: string; examples: unknown[] }[]).find((e) => e.name === 'deployment_status')!.examples[0])
const headers = async (over: Record<string, string> = {}, body = payload, secret = process.env.E2E_GITHUB_SECRET!) => ({
  'content-type': 'application/json', 'x-github-event': 'deployment_status', 'x-github-delivery': randomUUID(),
  'x-hub-signature-256': await sign(secret, body), ...over,
})

test('a signed delivery is stored and acknowledged with 202; the same delivery again is a duplicate', async ({ request }) => {
  const h = await headers()
  const first = await request.post('/api/webhooks/github', { headers: h, data: payload })
  expect(first.status()).toBe(202)
  expect(await first.json()).toEqual({ deliveryId: h['x-github-delivery'], duplicate: false })
  const again = await request.post('/api/webhooks/github', { headers: h, data: payload })
  expect(again.status()).toBe(202)
  expect(await again.json()).toMatchObject({ duplicate: true })
})

for (const [name, over, status, code] of [
  ['a signature made with another secret', async () => headers({}, payload, 'not-the-secret'), 401, 'UNAUTHORIZED'],
  ['no signature', async () => { const h = await headers(); delete (h as Record<string, string>)['x-hub-signature-256']; return h }, 401, 'UNAUTHORIZED'],
  ['a body changed after signing', async () => headers({ 'x-hub-signature-256': await sign(process.env.E2E_GITHUB_SECRET!, payload.replace('success', 'failure')) }), 401, 'UNAUTHORIZED'],
  ['no delivery id', async () => { const h = await headers(); delete (h as Record<string, string>)['x-github-delivery']; return h }, 422, 'VALIDATION_FAILED'],
  ['a form-encoded body', async () => headers({ 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
] as const) {
  test(`refuses ${name} (${status})`, async ({ request }) => {
    const res = await request.post('/api/webhooks/github', { headers: await over(), data: payload })
    expect(res.status()).toBe(status)
    expect((await res.json()).error.code).toBe(code)
  })
}

test('answers 503 with Retry-After when the database is unreachable', async ({ request }) => {
  const res = await request.post(`${noDatabaseUrl()}/api/webhooks/github`, { headers: await headers(), data: payload })
  expect(res.status()).toBe(503)
  expect(res.headers()['retry-after']).toBeTruthy()
})

// npm start serves this route from node:http ahead of Next.js (scripts/web-server.ts): its answers must
// look like every other API answer, and other methods still reach Next.
test('answers with the same security headers as the other API routes; GET goes to Next (405)', async ({ request }) => {
  const res = await request.post('/api/webhooks/github', { headers: await headers(), data: payload })
  expect(res.status()).toBe(202)
  const health = await request.get('/api/health')
  for (const name of ['x-frame-options', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'content-security-policy']) {
    expect(res.headers()[name], name).toBeTruthy()
    expect(res.headers()[name], name).toBe(health.headers()[name])
  }
  expect((await request.get('/api/webhooks/github')).status()).toBe(405)
})
