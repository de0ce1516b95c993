import { expect, test } from '@playwright/test'
import { withClient } from '@/lib/db'
import { ensureDemoViewer } from '@/lib/queries/auth/users'
import { createTestDatabase } from '@/lib/testing/test-database'
import { adminOf, startAppServer } from '../support/demo-server'
import { personEmail, personPassword } from '../support/people'

// `next=` spellings a browser reads as another site ("/\t/evil.example" is "//evil.example" once the tab
// is dropped). Whatever the spelling, the browser must end on the app's own origin. The test browser
// resolves no name but the machine's own (--host-resolver-rules in playwright.config.ts), so a wrong
// redirect fails to load rather than leaving the machine; the assertion is on the URL either way.
const HOSTILE_NEXT = ['/%09/evil.example/x', '/%0a/evil.example/x', '/%0d%0a/evil.example/x', '/%5c/evil.example/x', '/%09%5cevil.example']
const PORT = Number(process.env.E2E_PORT ?? 3100)

test.describe('redirect targets after sign-in', () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test('password sign-in with a hostile next stays on the app', async ({ page, baseURL }) => {
    await page.goto(`/sign-in?next=${HOSTILE_NEXT[0]}`)
    await page.getByLabel('Email').fill(personEmail('viewer'))
    await page.getByLabel('Password').fill(personPassword())
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByText('E2E viewer')).toBeVisible({ timeout: 20_000 })
    expect(new URL(page.url()).origin).toBe(baseURL)
    expect(new URL(page.url()).pathname).toBe('/')
  })

  test('a newline in next is not a server error', async ({ request }) => {
    const res = await request.get('/sign-in?next=/%0a/x', { maxRedirects: 0 })
    expect(res.status()).toBe(200)
  })

  test('the demo sign-in never redirects off-site', async ({ browser }) => {
    // a server of its own to start, and six sign-ins on a loaded machine
    test.setTimeout(240_000)
    // a demo install of its own: an empty database with the demo viewer, PLIMSOLL_DEMO_SIGN_IN=1
    const db = await createTestDatabase(process.env.TEST_PG_ADMIN_URL ?? (await adminOf(process.env.DATABASE_URL)), 'e2e_redirect')
    await withClient(db.url, (client) => ensureDemoViewer(client))
    const server = await startAppServer(PORT + 7, { DATABASE_URL: db.url, PLIMSOLL_DEMO_SIGN_IN: '1' })
    try {
      for (const next of [...HOSTILE_NEXT, '/%0a/x']) {
        const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
        const page = await context.newPage()
        const res = await page.request.get(`${server.baseURL}/api/auth/demo-sign-in?next=${next}`, { maxRedirects: 0 })
        expect(res.status(), next).toBeGreaterThanOrEqual(300)
        expect(res.status(), next).toBeLessThan(400)
        expect(new URL(res.headers().location!, server.baseURL).origin, next).toBe(server.baseURL)
        await page.goto(`${server.baseURL}/api/auth/demo-sign-in?next=${next}`, { waitUntil: 'commit' })
        expect(new URL(page.url()).origin, next).toBe(server.baseURL)
        await context.close()
      }
    } finally {
      await server.stop()
      await db.drop()
    }
  })
})
