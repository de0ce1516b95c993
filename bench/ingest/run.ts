// npm run bench:ingest -- [--requests 5000] [--concurrency 50] [--commits 3] [--services 10] [--warmup 2000]
//                         [--rounds 2] [--pool 10] [--only app|bare] [--rebuild] [--keep-db]
//                         [--smoke] [--build-dir . --dist .next] [--app-port 3900 --bare-port 3901]
// --smoke is npm test's short form (200 requests, one round); --build-dir serves a build made elsewhere.
// The app runs without the ingest rate limits (UNLIMITED_INGEST: PLIMSOLL_RATE_LIMITS=off, PLIMSOLL_BENCH=1).
// Throughput and latency of POST /api/v1/deployments (the built app, `next start`) next to a bare
// node:http + pg server writing the same rows, measured in the same run on the same PostgreSQL.
// Exits non-zero if any request was not answered 201. See bench/ingest/README.md.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type pg from 'pg'
import { generateApiToken } from '@/lib/auth/api-token'
import { insertApiToken } from '@/lib/queries/create-api-token'
import { withClient } from '@/lib/db'
import type { LoadResult } from './load'
import { ADMIN_URL, BIN, ROOT, SMOKE, UNLIMITED_INGEST, appBuild, buildAppSnapshot, buildArgs, dbUrl, run, runBench, stopServer } from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { cpuOf } from '../shared/proc-cpu'
import { migratedTemplate } from '../metrics/load-data'

const { values: opts } = parseArgs({
  options: {
    ...buildArgs,
    requests: { type: 'string', default: SMOKE ? '200' : '5000' },
    concurrency: { type: 'string', default: SMOKE ? '10' : '50' },
    commits: { type: 'string', default: '3' },
    services: { type: 'string', default: '10' },
    warmup: { type: 'string', default: SMOKE ? '50' : '2000' },
    rounds: { type: 'string', default: SMOKE ? '1' : '2' },
    pool: { type: 'string', default: '10' },
    only: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'app-port': { type: 'string', default: '3900' },
    'bare-port': { type: 'string', default: '3901' },
  },
})

const HERE = path.join(ROOT, 'bench', 'ingest')
const { buildDir: BUILD_DIR, dist: DIST, prebuilt } = appBuild(opts, path.join(os.tmpdir(), 'plimsoll-bench-build'))
const RUN_ID = randomBytes(3).toString('hex')
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), `plimsoll-bench-${RUN_ID}-`))
const DB = { app: `plimsoll_bench_${RUN_ID}`, bare: `plimsoll_bench_${RUN_ID}_bare` }

type Target = 'app' | 'bare'
const targets: Target[] = opts.only === 'app' || opts.only === 'bare' ? [opts.only] : ['app', 'bare']
const ports: Record<Target, number> = { app: Number(opts['app-port']), bare: Number(opts['bare-port']) }
const children: ChildProcess[] = []

function log(message: string) {
  console.error(`[bench] ${message}`)
}

function admin<T>(fn: (c: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  return withClient(url, fn)
}

// One migrated database with a team and a token, cloned for the bare server so each target writes
// into tables of the same size with the same indexes.
async function createDatabases(): Promise<string> {
  const template = migratedTemplate()
  log(`creating ${DB.app} and ${template ? `copying the migrated ${template}` : 'applying migrations'}`)
  await admin((c) => c.query(`CREATE DATABASE ${DB.app}${template ? ` TEMPLATE ${template}` : ''}`))
  if (!template) await run(path.join(BIN, 'prisma'), ['migrate', 'deploy'], { DATABASE_URL: dbUrl(DB.app), CHECKPOINT_DISABLE: '1' })
  const token = generateApiToken()
  await admin(async (c) => {
    const team = await c.query<{ id: number }>(`INSERT INTO team (slug, name) VALUES ('bench', 'Bench') RETURNING id`)
    await insertApiToken(c, { teamId: team.rows[0]!.id, name: 'bench', prefix: token.prefix, hash: token.hash })
  }, dbUrl(DB.app))
  await admin((c) => c.query(`CREATE DATABASE ${DB.bare} TEMPLATE ${DB.app}`))
  return token.token
}

async function dropDatabases() {
  for (const name of [DB.app, DB.bare]) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((err) => log(`could not drop ${name}: ${err.message}`))
  }
}

function start(target: Target, cmd: string, args: string[], env: Record<string, string | undefined>, cwd: string): ChildProcess {
  const out = fs.openSync(path.join(LOG_DIR, `${target}.log`), 'a')
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out], detached: true })
  children.push(child)
  return child
}

async function waitHealthy(target: Target, child: ChildProcess) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    const ok = await fetch(`http://127.0.0.1:${ports[target]}/api/health`).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${target} did not become healthy; log:\n${fs.readFileSync(path.join(LOG_DIR, `${target}.log`), 'utf8').slice(-3000)}`)
}

async function startServers() {
  const common = { LOG_LEVEL: 'warn', DB_POOL_MAX: opts.pool, NEXT_TELEMETRY_DISABLED: '1' }
  if (targets.includes('app')) {
    const app = start('app', path.join(BUILD_DIR, 'node_modules', '.bin', 'next'), ['start', '-p', String(ports.app), '-H', '127.0.0.1'], {
      ...common, ...UNLIMITED_INGEST, NEXT_DIST_DIR: DIST, NODE_ENV: 'production', DATABASE_URL: dbUrl(DB.app),
    }, BUILD_DIR)
    serverPgid.app = app.pid
    await waitHealthy('app', app)
  }
  if (targets.includes('bare')) {
    const bare = start('bare', path.join(BIN, 'tsx'), [path.join(HERE, 'bare-server.ts')], {
      ...common, PORT: String(ports.bare), DATABASE_URL: dbUrl(DB.bare),
    }, ROOT)
    serverPgid.bare = bare.pid
    await waitHealthy('bare', bare)
  }
}

async function stopServers() {
  await Promise.all(children.map((child) => stopServer({ child, port: 0, logFile: '' })))
}

async function load(target: Target, prefix: string, requests: number): Promise<LoadResult> {
  const out = await run(path.join(BIN, 'tsx'), [
    path.join(HERE, 'load.ts'), '--url', `http://127.0.0.1:${ports[target]}`, '--token', token, '--prefix', prefix,
    '--requests', String(requests), '--concurrency', opts.concurrency!, '--services', opts.services!, '--commits', opts.commits!,
  ], {})
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult
}

// CPU time of the server's process group and of the PostgreSQL backends connected to its database
// (bench/shared/proc-cpu.ts): shows where each request's CPU goes.
function groupPids(pgid: number): number[] {
  const pids: number[] = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) pids.push(Number(entry))
    } catch {
      // exited
    }
  }
  return pids
}

async function backendPids(target: Target): Promise<number[]> {
  return admin((c) => c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [DB[target]]).then((r) => r.rows.map((x) => x.pid)))
}

const serverPgid: Partial<Record<Target, number>> = {}

async function cpuSnapshot(target: Target) {
  return { server: cpuOf(groupPids(serverPgid[target]!)), db: cpuOf(await backendPids(target)) }
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0)
  return ms
}

let token = ''
type Row = { target: Target; round: number; result: LoadResult; serverCpu: number; dbCpu: number }

function rate(r: Pick<LoadResult, 'ok' | 'ms'>) {
  return (r.ok / r.ms) * 1000
}

function printTable(rows: Row[]) {
  const fmt = (n: number, d = 1) => n.toFixed(d)
  const lines = [['target', 'round', 'requests', 'errors', 'deployments/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'server CPU ms/req', 'PG CPU ms/req']]
  for (const { target, round, result: r, serverCpu, dbCpu } of rows) {
    lines.push([target, String(round), String(r.sent), String(r.errors), fmt(rate(r)), fmt(r.p50), fmt(r.p90), fmt(r.p99), fmt(r.max), fmt(serverCpu, 2), fmt(dbCpu, 2)])
  }
  const total: Partial<Record<Target, { ok: number; ms: number; p99: number[] }>> = {}
  for (const { target, result: r } of rows) {
    const t = (total[target] ??= { ok: 0, ms: 0, p99: [] })
    t.ok += r.ok
    t.ms += r.ms
    t.p99.push(r.p99)
  }
  for (const target of targets) {
    const t = total[target]
    if (t) lines.push([target, 'all', '', '', fmt(rate(t)), '', '', `max ${fmt(Math.max(...t.p99))}`, '', '', ''])
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  for (const l of lines) console.log(l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
  if (total.app && total.bare) {
    const ratio = rate(total.app) / rate(total.bare)
    const perRound = [...new Set(rows.map((r) => r.round))].map((round) => {
      const app = rows.find((r) => r.round === round && r.target === 'app')!
      const bare = rows.find((r) => r.round === round && r.target === 'bare')!
      return `round ${round}: ${fmt(rate(app.result) / rate(bare.result), 2)}`
    })
    console.log(`\napp/bare throughput ratio: ${fmt(ratio, 2)} (${perRound.join(', ')}; target >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`)
  }
  const figures: Record<string, number> = {}
  for (const target of targets) {
    const t = total[target]
    if (t) Object.assign(figures, { [`${target}PerSecond`]: rate(t), [`${target}MaxP99Ms`]: Math.max(...t.p99) })
  }
  if (total.app && total.bare) figures.appToBareRatio = rate(total.app) / rate(total.bare)
  printFigures('ingest', figures)
}

async function main() {
  const requests = Number(opts.requests)
  const warmup = Number(opts.warmup)
  const rounds = Number(opts.rounds)
  const pgVersion = await admin((c) => c.query<{ v: string }>("SELECT current_setting('server_version') AS v").then((r) => r.rows[0]!.v))
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`)
  console.log(`load: ${requests} requests x ${rounds} rounds per target, ${opts.concurrency} keep-alive connections, ${opts.commits} commits/deployment, ${opts.services} services, warmup ${warmup}, pool ${opts.pool}`)
  console.log(`load average (1/5/15 min) at the start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (targets.includes('app') && !opts['skip-build'] && !prebuilt) await buildAppSnapshot({ buildDir: BUILD_DIR, dist: DIST, rebuild: opts.rebuild, log })
  token = await createDatabases()
  await startServers()
  log(`servers up (logs in ${LOG_DIR})`)
  const rows: Row[] = []
  const failed: string[] = []
  const check = (target: Target, what: string, r: LoadResult) => {
    if (r.errors > 0) failed.push(`${target} ${what}: ${r.errors} of ${r.sent} requests failed, e.g.\n  ${r.errorSamples.join('\n  ')}`)
  }
  if (warmup > 0) {
    for (const target of targets) {
      log(`warming up ${target} (${warmup} requests)`)
      check(target, 'warmup', await load(target, `${target}-warmup`, warmup))
    }
  }
  for (let round = 1; round <= rounds; round++) {
    // Alternate the order so neither target always runs on the larger tables or the warmer cache.
    const order = round % 2 === 1 ? targets : [...targets].reverse()
    for (const target of order) {
      log(`round ${round}: ${target}`)
      const before = await cpuSnapshot(target)
      const result = await load(target, `${target}-r${round}`, requests)
      const after = await cpuSnapshot(target)
      check(target, `round ${round}`, result)
      rows.push({ target, round, result, serverCpu: cpuDelta(before.server, after.server) / result.sent, dbCpu: cpuDelta(before.db, after.db) / result.sent })
    }
  }
  console.log('')
  printTable(rows)
  console.log(`load average (1/5/15 min) at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes share these cores)`)
  if (failed.length > 0) {
    console.error(`\nFAILED requests (any non-201 is an error):\n${failed.join('\n')}`)
    process.exitCode = 1
  }
}

async function cleanup() {
  await stopServers()
  if (opts['keep-db']) log(`kept databases ${DB.app} and ${DB.bare} (token ${token})`)
  else await dropDatabases()
}

runBench(main, cleanup, log)
