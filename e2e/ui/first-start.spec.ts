import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { withClient } from '@/lib/db'
import { chromiumArgs, chromiumPath } from '../support/chromium'
import { npmStart } from '../support/npm-start'

// Day one as the README tells it: `npm start` with nothing configured but a port and a data directory,
// opened at the addresses a person types. Each test starts its own `npm start` (the build npm test made).
const base = Number(process.env.E2E_PORT ?? 3100)
test.use({ storageState: { cookies: [], origins: [] }, launchOptions: { executablePath: chromiumPath, args: chromiumArgs } })
test.describe.configure({ timeout: 480_000 })

const PASSWORD = 'first admin password 1'

async function signIn(page: Page, origin: string, email: string) {
  await page.goto(`${origin}/sign-in`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

for (const [i, host] of ['localhost', '127.0.0.1'].entries()) {
  test(`at http://${host}: the first admin from the printed link, signed out and back in`, async ({ page }) => {
    const port = base + 5 + i
    const app = await npmStart(port)
    try {
      const origin = `http://${host}:${port}`
      // a visitor of the demo install first: signed in as the demo viewer, whose cookie the sign-in then carries
      await page.goto(`${origin}/`)
      await expect(page.getByText('Demo viewer')).toBeVisible({ timeout: 30_000 })
      // the link as printed (http://localhost:PORT/setup?token=…), opened at the address this person uses
      const link = new URL(app.firstAdminLink())
      expect(link.port).toBe(String(port))
      await page.goto(`${origin}${link.pathname}${link.search}`)
      const email = `admin-${randomBytes(3).toString('hex')}@example.com`
      await page.getByLabel('Name').fill('First Admin')
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password').fill(PASSWORD)
      await page.getByRole('button', { name: 'Create admin' }).click()
      await expect(page).toHaveURL(`${origin}/settings`, { timeout: 30_000 })
      await expect(page.locator('.user-menu')).toContainText('First Admin (admin)')
      // a session cookie a browser keeps on plain http at any address: not __Secure-, not Secure
      const cookies = await page.context().cookies(origin)
      expect(cookies.find((c) => c.name === 'plimsoll.session_token')?.secure).toBe(false)
      expect(cookies.some((c) => c.name.startsWith('__Secure-'))).toBe(false)

      await page.getByRole('button', { name: 'Sign out' }).click()
      await expect(page).toHaveURL(/\/sign-in/, { timeout: 30_000 })
      await signIn(page, origin, email)
      await expect(page.locator('.user-menu')).toContainText('First Admin (admin)', { timeout: 30_000 })
      expect(new URL(page.url()).origin).toBe(origin)
    } finally {
      await app.stop()
    }
  })
}

// The README's "Start with your own data", its commands run as written (the database URL and port swapped
// for this test's own), on a fresh database with PLIMSOLL_SEED_DEMO=never, until the first deployment
// shows on the overview.
test('Start with your own data, following the README', async ({ page }) => {
  const readme = readFileSync('README.md', 'utf8')
  const from = readme.indexOf('## Start with your own data')
  const section = readme.slice(from, readme.indexOf('\n## ', from + 1))
  const [startBlock, setupBlock] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
  expect(startBlock).toContain('npm start')
  expect(setupBlock).toBeDefined()
  const readmeUrl = /DATABASE_URL=(\S+)/.exec(startBlock!)![1]!

  const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  const name = `plimsoll_readme_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
  const port = base + 7
  const settings = Object.fromEntries([...startBlock!.matchAll(/(\w+)=(\S+)/g)].map(([, k, v]) => [k!, v === readmeUrl ? url : v!]))
  expect(settings).toMatchObject({ DATABASE_URL: url, PLIMSOLL_SEED_DEMO: 'never' })
  const app = await npmStart(port, settings)
  try {
    const script = setupBlock!.replaceAll(readmeUrl, url).replaceAll('localhost:3000', `localhost:${port}`)
    const env: NodeJS.ProcessEnv = { ...process.env, PLIMSOLL_DATA_DIR: app.dataDir }
    for (const n of ['DATABASE_URL', 'PLIMSOLL_SECRET_KEY', 'TEST_PG_ADMIN_URL']) delete env[n]
    const run = await runBash(script, env, `${PASSWORD}\n`)
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('"payments-api"')

    const email = /--email (\S+)/.exec(setupBlock!)![1]!
    await signIn(page, `http://localhost:${port}`, email)
    await expect(page.locator('.user-menu')).toContainText('(admin)', { timeout: 30_000 })
    await page.goto(`http://localhost:${port}/`)
    await expect(page.getByRole('link', { name: 'payments-api' })).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('setup-checklist')).toHaveCount(0)
  } finally {
    await app.stop()
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
  }
})

function runBash(script: string, env: NodeJS.ProcessEnv, stdin: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.stdin.end(stdin)
    child.on('exit', (code) => resolve({ code: code ?? 1, output }))
  })
}
