// npm start: embedded Postgres when DATABASE_URL is unset, migrations, demo data on an empty database,
// a build when needed, then the web server and the job worker until Ctrl-C. Once the app has answered its
// first health check, a child that dies (an out-of-memory abort, a kill) is started again with backoff
// (lib/process/supervise.ts); the other child and the embedded database keep running meanwhile.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { withClient } from '@/lib/db'
import { EnvError, envSchema, parseEnv, startEnvSchema } from '@/lib/env'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/embedded/embedded-postgres'
import { runMigrations } from '@/lib/embedded/run-migrations'
import { buildIsStale } from '@/lib/embedded/build-freshness'
import { ensureDemoToken } from '@/lib/embedded/demo-token'
import { resolveSecretKey } from '@/lib/embedded/local-secret-key'
import { ensureDemoViewer } from '@/lib/queries/auth/users'
import { countTeams } from '@/lib/queries/count-teams'
import { seedDemo } from '@/lib/demo/seed'
import { stopChild, supervise, type Supervised } from '@/lib/process/supervise'

const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name)
const children: ChildProcess[] = [] // the build, while it runs
const supervised: Supervised[] = []
let embedded: EmbeddedPostgres | undefined
let stopping = false
let ready = false

// Each child is node itself running the TypeScript (tsx's loader), not tsx's launcher: one process per
// child, so a signal reaches the process that serves and a kill leaves no orphan holding the port.
// The web process's heap is capped (PLIMSOLL_WEB_HEAP_MB): one request's work stays far below it
// (docs/security.md), and a process that reaches it anyway aborts and is started again.
const nodeArgs = (script: string, heapMb?: number) => [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '--import', 'tsx', script]

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
    PLIMSOLL_SECRET_KEY: resolveSecretKey({ ...process.env, PLIMSOLL_DATA_DIR: cfg.PLIMSOLL_DATA_DIR }).key,
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
  // Next.js, with the webhooks answered before it (scripts/web-server.ts)
  const webArgs = [...nodeArgs('scripts/web-server.ts', cfg.PLIMSOLL_WEB_HEAP_MB), '-p', String(cfg.PORT), '-H', cfg.HOST]
  for (const [name, args] of [['web', webArgs], ['worker', nodeArgs('scripts/worker.ts')]] as const) {
    supervised.push(supervise({
      name, command: process.execPath, args: [...args], spawnOptions: { env, stdio: 'inherit' }, log,
      shouldRestart: (code) => {
        if (stopping) return false
        // while starting up, an exit is a configuration error: stop and say so rather than retry it forever
        if (!ready) void shutdown(`the ${name} process exited while starting (code ${code})`, 1)
        return ready
      },
    }))
  }
  await waitForHealth(`http://127.0.0.1:${cfg.PORT}/api/health`)
  ready = true
  log(`ready: http://localhost:${cfg.PORT}`)
  if (token) log(`demo ingest token (team ${token.team}): ${token.token}`)
  log('Ctrl-C stops everything; the data is kept for the next start.')
}

async function prepareData(databaseUrl: string, dataDir: string, seed: 'auto' | 'never') {
  return withClient(databaseUrl, async (client) => {
    if (seed === 'auto' && (await countTeams(client)) === 0) {
      log('empty database: loading the demo organisation')
      const r = await seedDemo(client, { log })
      log(`demo data: ${r.teams} teams, ${r.services} services, ${r.deployments} deployments, ${r.incidents} incidents, ` +
        `${r.scans} scans in ${r.seconds.toFixed(1)} s; ${r.reports} quarterly reports queued (the worker makes them)`)
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
  await Promise.all([...supervised.map((s) => s.stop()), ...children.map(stopChild)])
  if (embedded) await embedded.stop()
  log('stopped')
  process.exit(code)
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
