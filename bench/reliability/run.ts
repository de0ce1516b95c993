// npm run reliability -- [--short] [--only crash,db-restart,slow-db,worker-crash,fuzz,hostile,hostile-webhooks,hostile-scans,replicas,soak]
//                        [--events 20000] [--fuzz-runs 10000] [--soak-minutes 30] [--soak-rate <n>/s]
//                        [--skip-build] [--build-dir <dir> --dist <dist>] [--keep-db]
// The fault tests of docs/reliability.md against the built app (`next start`). Each ends by counting
// rows and printing `sent / acknowledged / stored / duplicates`; the run exits non-zero on any lost or
// duplicated row, any 500, any request hung past 10 s. --short is the CI form (1,000 events, one kill,
// one database restart, a reduced fuzz). The shared PostgreSQL (DATABASE_URL's server) holds the
// crash/fuzz/replica databases; restarts and exhaustion happen on a private cluster started here.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ADMIN_URL, ROOT, buildAppSnapshot, runBench } from '../shared/app-server'
import { crashTest } from './crash'
import { dbRestartTest } from './db-restart'
import { fuzzTest } from './fuzz'
import { hostileTest } from './hostile'
import { hostileWebhooksTest } from './hostile-webhooks'
import { hostileScansTest } from './hostile-scans'
import { createPrivatePg, privatePgAvailable, type PrivatePg } from './private-pg'
import { replicasTest } from './replicas'
import { RUN_ID, admin, dropAll, log, stopAll, type AppBuild } from './setup'
import { slowDbTest } from './slow-db'
import { soakTest } from './soak'
import { workerCrashTest } from './worker-crash'

const { values: opts } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    only: { type: 'string' },
    events: { type: 'string' },
    'fuzz-runs': { type: 'string' },
    'soak-minutes': { type: 'string', default: '30' },
    'soak-rate': { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    'skip-build': { type: 'boolean', default: false },
    'build-dir': { type: 'string' },
    dist: { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    'base-port': { type: 'string', default: '3960' },
    'pg-port': { type: 'string', default: '55461' },
  },
})

const ALL = ['crash', 'db-restart', 'slow-db', 'worker-crash', 'fuzz', 'hostile', 'hostile-webhooks', 'hostile-scans', 'replicas'] as const
const SHORT = ['crash', 'db-restart', 'fuzz', 'hostile', 'hostile-webhooks', 'hostile-scans'] as const
type TestName = (typeof ALL)[number] | 'soak'

const short = opts.short
const selected: TestName[] = opts.only ? (opts.only.split(',') as TestName[]) : short ? [...SHORT] : [...ALL]
const events = Number(opts.events ?? (short ? 1_000 : 20_000))
const fuzzRuns = Number(opts['fuzz-runs'] ?? (short ? 300 : 10_000))
const concurrency = Number(opts.concurrency)
const basePort = Number(opts['base-port'])
let privatePg: PrivatePg | undefined

async function main() {
  const unknown = selected.filter((t) => ![...ALL, 'soak'].includes(t))
  if (unknown.length) throw new Error(`unknown test(s): ${unknown.join(', ')} (known: ${[...ALL, 'soak'].join(', ')})`)
  // npm test without DATABASE_URL runs on the embedded PGlite, which has one database: nothing to do here
  const server = await admin(ADMIN_URL, (c) => c.query<{ v: string }>('SELECT version() AS v')).then(
    (r) => r.rows[0]!.v,
    (err: Error) => `unreachable: ${err.message}`,
  )
  if (!/^PostgreSQL/.test(server) || /PGlite/i.test(server)) {
    console.log(`reliability tests skipped: they need a PostgreSQL server at DATABASE_URL (${server.slice(0, 80)})`)
    return
  }
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `plimsoll-reliability-${RUN_ID}-`))
  const build: AppBuild = opts['build-dir']
    ? { buildDir: path.resolve(opts['build-dir']), dist: opts.dist ?? '.next', logDir }
    : { buildDir: path.join(os.tmpdir(), 'plimsoll-reliability-build'), dist: '.next-reliability', logDir }
  if (!opts['skip-build'] && !opts['build-dir']) await buildAppSnapshot({ buildDir: build.buildDir, dist: build.dist, log })
  log(`tests: ${selected.join(', ')}; ${events} events, ${fuzzRuns} fuzzed bodies per endpoint; logs in ${logDir}; build ${build.buildDir}/${build.dist}`)
  const needsPrivate = selected.some((t) => t === 'db-restart' || t === 'slow-db')
  if (needsPrivate) {
    if (!privatePgAvailable()) throw new Error('the database-restart tests need PostgreSQL binaries (PG_BIN_DIR, default /usr/lib/postgresql/15/bin)')
    privatePg = createPrivatePg(Number(opts['pg-port']))
    log(`private PostgreSQL cluster on port ${privatePg.port}`)
  }
  const problems: string[] = []
  const timings: string[] = []
  for (const test of selected) {
    const started = Date.now()
    log(`▶ ${test}`)
    const found = await runTest(test, build)
    timings.push(`${test} ${((Date.now() - started) / 1000).toFixed(0)} s`)
    log(`${found.length ? '✘' : '✔'} ${test} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
    problems.push(...found)
  }
  console.log(`\ntimes: ${timings.join(', ')}`)
  if (problems.length) {
    console.log(`\nFAILED:\n  ${problems.join('\n  ')}`)
    process.exitCode = 1
  } else console.log('\nall reliability tests passed')
}

function runTest(test: TestName, build: AppBuild): Promise<string[]> {
  const port = basePort
  switch (test) {
    case 'crash':
      return crashTest({ build, adminUrl: ADMIN_URL, port, events, kills: short ? 1 : 3, concurrency })
    case 'db-restart':
      return dbRestartTest({ build, pg: privatePg!, port: port + 1, events: short ? 600 : Math.max(2_000, events / 4), concurrency })
    case 'slow-db':
      return slowDbTest({ build, pg: privatePg!, port: port + 2 })
    case 'worker-crash':
      return workerCrashTest({ build, adminUrl: ADMIN_URL, port: port + 3, deliveries: short ? 500 : 3_000 })
    case 'fuzz':
      return fuzzTest({ build, adminUrl: ADMIN_URL, port: port + 4, runs: fuzzRuns })
    case 'hostile':
      return hostileTest({ build, adminUrl: ADMIN_URL, port: port + 5, short })
    case 'hostile-webhooks':
      return hostileWebhooksTest({ build, adminUrl: ADMIN_URL, port: port + 11 })
    case 'hostile-scans':
      return hostileScansTest({ build, adminUrl: ADMIN_URL, port: port + 9 })
    case 'replicas':
      return replicasTest({ build, adminUrl: ADMIN_URL, ports: [port + 6, port + 7], events: short ? 500 : 4_000, concurrency })
    case 'soak':
      return soakTest({
        build,
        adminUrl: ADMIN_URL,
        port: port + 8,
        minutes: Number(opts['soak-minutes']),
        rate: opts['soak-rate'] ? Number(opts['soak-rate']) : undefined,
      })
  }
}

async function cleanUp() {
  await stopAll()
  await dropAll(opts['keep-db'])
  privatePg?.destroy()
  // a test that threw may leave a timer or socket behind: do not hang CI on it
  setTimeout(() => process.exit(), 2_000).unref()
}

process.chdir(ROOT)
runBench(main, cleanUp, log)
