// npm start: embedded Postgres when DATABASE_URL is unset, migrations, demo data on an empty database,
// a build when needed, then the web server and the job worker until Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { withClient } from '@/lib/db'
import { EnvError, envSchema, parseEnv, startEnvSchema } from '@/lib/env'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/embedded/embedded-postgres'
import { runMigrations } from '@/lib/embedded/run-migrations'
import { buildIsStale } from '@/lib/embedded/build-freshness'
import { ensureDemoToken } from '@/lib/embedded/demo-token'
import { localSecretKey } from '@/lib/embedded/local-secret-key'
import { ensureDemoViewer } from '@/lib/queries/auth/users'
import { countTeams } from '@/lib/queries/count-teams'
import { seedDemo } from '@/lib/demo/seed'

const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name)
const children: ChildProcess[] = []
let embedded: EmbeddedPostgres | undefined
let stopping = false

async function main() {
  const cfg = parseEnv(startEnvSchema)
  let databaseUrl = cfg.DATABASE_URL
  if (!databaseUrl) {
    const dataDir = path.join(cfg.PLIMSOLL_DATA_DIR, 'pglite')
    embedded = await startEmbeddedPostgres({ dataDir, port: cfg.EMBEDDED_PG_PORT })
    databaseUrl = embedded.url
    log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${embedded.port}, data in ${dataDir}/`)
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1', PORT: String(cfg.PORT),
    PLIMSOLL_SECRET_KEY: process.env.PLIMSOLL_SECRET_KEY || localSecretKey(cfg.PLIMSOLL_DATA_DIR),
    // the embedded demo signs visitors in as a read-only viewer; an install on its own database does not
    PLIMSOLL_DEMO_SIGN_IN: process.env.PLIMSOLL_DEMO_SIGN_IN ?? (embedded ? '1' : '0'),
  }
  parseEnv(envSchema, env)
  log('applying migrations')
  await runMigrations(databaseUrl)
  const token = await prepareData(databaseUrl, cfg.PLIMSOLL_DATA_DIR, cfg.PLIMSOLL_SEED_DEMO)
  if (buildIsStale()) {
    log('building the app (first start or sources changed)')
    await runToEnd(spawn(bin('next'), ['build'], { env, stdio: 'inherit' }), 'next build')
  }
  // Next.js, with GitHub's webhooks answered before it (scripts/web-server.ts)
  const web = spawn(bin('tsx'), ['scripts/web-server.ts', '-p', String(cfg.PORT), '-H', cfg.HOST], { env, stdio: 'inherit' })
  const worker = spawn(bin('tsx'), ['scripts/worker.ts'], { env, stdio: 'inherit' })
  children.push(web, worker)
  for (const child of children) child.on('exit', (code) => !stopping && shutdown(`a child process exited (code ${code})`, 1))
  await waitForHealth(`http://127.0.0.1:${cfg.PORT}/api/health`)
  log(`ready: http://localhost:${cfg.PORT}`)
  if (token) log(`demo ingest token (team ${token.team}): ${token.token}`)
  log('Ctrl-C stops everything; the data is kept for the next start.')
}

async function prepareData(databaseUrl: string, dataDir: string, seed: 'auto' | 'never') {
  return withClient(databaseUrl, async (client) => {
    if (seed === 'auto' && (await countTeams(client)) === 0) {
      log('empty database: loading the demo organisation')
      const r = await seedDemo(client, { log })
      log(`demo data: ${r.teams} teams, ${r.services} services, ${r.deployments} deployments, ${r.incidents} incidents`)
    }
    await ensureDemoViewer(client)
    return ensureDemoToken(client, dataDir)
  })
}

async function waitForHealth(url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the app did not become healthy at ${url} within ${timeoutMs / 1000} s`)
}

function runToEnd(child: ChildProcess, what: string): Promise<void> {
  children.push(child)
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      children.splice(children.indexOf(child), 1)
      if (code === 0) resolve()
      else reject(new Error(`${what} failed (exit code ${code})`))
    }),
  )
}

async function shutdown(reason: string, code = 0) {
  if (stopping) return
  stopping = true
  log(`stopping (${reason})`)
  await Promise.all(children.map(stopChild))
  if (embedded) await embedded.stop()
  log('stopped')
  process.exit(code)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

function log(message: string) {
  console.log(`[plimsoll] ${message}`)
}

process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

main().catch(async (err) => {
  console.error(err instanceof EnvError ? err.message : err)
  await shutdown('start-up failed', 1)
})
