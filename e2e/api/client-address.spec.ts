import { expect, test } from '@playwright/test'
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database'
import { adminOf, startAppServer, type AppServer } from '../support/demo-server'

// Per-address limits cannot be dodged by naming another address: the web server rewrites
// X-Forwarded-For to the socket's peer (lib/http/client-address.ts). A server with a database of its
// own, because exhausting this address's failure budget on the main server would turn other specs'
// 401s into 429s.
let db: TestDatabase
let server: AppServer

test.beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_PG_ADMIN_URL ?? (await adminOf(process.env.DATABASE_URL)), 'e2e_xff')
  server = await startAppServer(Number(process.env.E2E_PORT ?? 3100) + 4, { DATABASE_URL: db.url })
})

test.afterAll(async () => {
  await server?.stop()
  await db?.drop()
})

test('wrong tokens sent under ever new forged addresses still run out of the address\'s budget (429 with Retry-After)', async ({ request }) => {
  const statuses: number[] = []
  let retryAfter: string | undefined
  for (let i = 0; i < 25; i++) {
    const res = await request.post(`${server.baseURL}/api/v1/deployments`, {
      headers: { authorization: `Bearer pls_wrong${i}`, 'x-forwarded-for': `198.51.100.${i + 1}` },
      data: {},
    })
    statuses.push(res.status())
    if (res.status() === 429) retryAfter ??= res.headers()['retry-after']
  }
  // 20 failures fit in one address's budget (lib/http/rate-limit.ts, authFailuresPerIp)
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401))
  expect(statuses.slice(20)).toEqual(Array(5).fill(429))
  expect(Number(retryAfter)).toBeGreaterThan(0)
})
