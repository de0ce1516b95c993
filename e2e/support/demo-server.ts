import { spawn, type ChildProcess } from 'node:child_process'
import { withClient } from '@/lib/db'
import { generateApiToken } from '@/lib/auth/api-token'
import { seedDemo } from '@/lib/demo/seed'
import { ensureDemoViewer } from '@/lib/queries/auth/users'
import { firstTeam, insertApiToken } from '@/lib/queries/create-api-token'
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database'
import { startWorkerProcess } from '@/lib/testing/worker-process'

export type DemoServer = { baseURL: string; token: string; team: string; stop: () => Promise<void> }

// The demo organisation needs an empty database, so specs that read it get their own: a fresh database
// on the suite's server (else an in-memory embedded one), the demo loaded as of `now`, a token of its
// first team, and the built app on `port` with the job worker beside it (it makes the queued reports).
export async function startDemoServer(port: number, now: Date): Promise<DemoServer> {
  const admin = process.env.TEST_PG_ADMIN_URL ?? (await adminOf(process.env.DATABASE_URL))
  const db: TestDatabase = await createTestDatabase(admin, 'e2e_demo')
  const { token, team } = await withClient(db.url, async (client) => {
    await seedDemo(client, { now })
    await ensureDemoViewer(client)
    const t = (await firstTeam(client))!
    const created = generateApiToken()
    await insertApiToken(client, { teamId: t.id, name: 'e2e reports', prefix: created.prefix, hash: created.hash })
    return { token: created.token, team: t.slug }
  })
  // a demo install: visitors are signed in as the read-only demo viewer
  const worker = startWorkerProcess({ DATABASE_URL: db.url })
  const server = await startAppServer(port, { DATABASE_URL: db.url, PLIMSOLL_DEMO_SIGN_IN: '1' }).catch(async (err: unknown) => {
    await worker.stop()
    throw err
  })
  return { baseURL: server.baseURL, token, team, stop: async () => { await Promise.all([server.stop(), worker.stop()]); await db.drop() } }
}

export type AppServer = { baseURL: string; stop: () => Promise<void> }

// The built app served as npm start serves it (scripts/web-server.ts) on `port`, with the suite's
// environment and these settings on top (an install configured differently from the main server's),
// once it answers /api/health.
export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  const server = spawn('node_modules/.bin/tsx', ['scripts/web-server.ts', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const baseURL = `http://127.0.0.1:${port}`
  await waitFor(`${baseURL}/api/health`, server)
  return { baseURL, stop: () => stopProcess(server) }
}

// The database server of the suite's DATABASE_URL, to create another database on; none when that is
// the embedded PGlite (one database per instance: a new in-memory instance is started instead).
export async function adminOf(url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined
  const version = await withClient(url, (c) => c.query<{ v: string }>('SELECT version() AS v'))
  if (version.rows[0]!.v.includes('PGlite')) return undefined
  const u = new URL(url)
  u.pathname = '/postgres'
  return u.toString()
}

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}`)
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within 60 s`)
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
