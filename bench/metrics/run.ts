// npm run bench:metrics -- [--deployments 1000000] [--changes N] [--incidents N] [--requests 50] [--warmup 5]
//                          [--days 90] [--service svc-07] [--pool 10] [--db plimsoll_benchm_x] [--keep-db]
//                          [--sql-only] [--wait-route 0] [--rebuild] [--skip-build] [--report path.md]
// Loads the metrics benchmark data (bench/metrics/load-data.ts, set-based SQL), then times
// GET /api/v1/metrics of the built app (`next start`) for a 90-day org-wide window and for one service,
// warm, sequential requests, next to the single hand-written SQL query per metric in the same run, and
// EXPLAINs both the hand-written queries and the queries one API request sent (captured in the app
// process by capture-queries.cjs). Exits non-zero on any non-200 answer. See bench/metrics/README.md.
// --smoke: npm test's short form (2,000 deployments, 3 requests per scope); --build-dir . --dist .next
// serves a build made elsewhere instead of a snapshot.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { generateApiToken } from '@/lib/auth/api-token'
import { SESSION_SETTINGS } from '@/lib/db'
import { compactRollups } from '@/lib/queries/compact-rollups'
import { ROLLUP_TABLES } from '@/lib/queries/rebuild-rollups'
import { insertApiToken } from '@/lib/queries/create-api-token'
import {
  ADMIN_URL, ROOT, SMOKE, appBuild, buildAppSnapshot, buildArgs, dbUrl, latencyStats, runBench, startApp, stopServer, waitHealthy, type Server,
} from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { HAND_WRITTEN, explainHandWritten, timeHandWritten, timeHandWrittenConcurrent, type Scope } from './hand-written-sql'
import { createBenchDatabase, dropBenchDatabase, loadArgs, loadMetricsData, loadOptionsFrom, printLoadReport, type LoadReport } from './load-data'

const { values: opts } = parseArgs({
  options: {
    ...loadArgs,
    ...(SMOKE ? { deployments: { type: 'string', default: '2000' }, services: { type: 'string', default: '5' }, teams: { type: 'string', default: '2' } } as const : {}),
    ...buildArgs,
    requests: { type: 'string', default: SMOKE ? '3' : '50' },
    warmup: { type: 'string', default: SMOKE ? '1' : '5' },
    days: { type: 'string', default: '90' },
    granularity: { type: 'string', default: 'week' },
    tz: { type: 'string', default: 'UTC' },
    service: { type: 'string' }, // the one-service case; default: the one with most production deployments in the window
    pool: { type: 'string', default: '10' },
    port: { type: 'string', default: '3910' },
    db: { type: 'string' }, // reuse a loaded bench database (kept with --keep-db) instead of loading
    'keep-db': { type: 'boolean', default: false },
    'sql-only': { type: 'boolean', default: false },
    'wait-route': { type: 'string', default: '0' }, // minutes to wait for app/api/v1/metrics/route.ts
    rebuild: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    source: { type: 'string', default: 'worktree' }, // worktree | head: what the app is built from
    'build-only': { type: 'boolean', default: false },
    nice: { type: 'boolean', default: false }, // build at the lowest CPU priority
    report: { type: 'string' },
    // session settings for the app's and the harness's connections (PGOPTIONS / libpq "options"),
    // e.g. --pg-options='-c jit=off' to measure a setting without changing the server or the app
    'pg-options': { type: 'string' },
  },
})

const HERE = path.join(ROOT, 'bench', 'metrics')
// not bench:ingest's snapshot: both may run
const { buildDir: BUILD_DIR, dist: DIST, prebuilt } = appBuild(opts, path.join(os.tmpdir(), 'plimsoll-benchm-build'))
const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'plimsoll-benchm-'))
const CAPTURE_FLAG = path.join(LOG_DIR, 'capture.on')
const CAPTURE_FILE = path.join(LOG_DIR, 'captured.jsonl')
const ROUTE_FILE = path.join(ROOT, 'app', 'api', 'v1', 'metrics', 'route.ts')
const TARGET_MS = { org: 300, service: 60 } as const
const REPLAY_TIMEOUT_MS = 120_000

const log = (m: string) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}`)
const num = (name: keyof typeof opts) => {
  const n = Number(opts[name])
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number`)
  return n
}
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-')
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : n === Infinity ? `> ${REPLAY_TIMEOUT_MS}` : '-')

let server: Server | undefined
let database: string | undefined
let ownDatabase = false

type Stats = ReturnType<typeof latencyStats>
type ApiCase = { scope: Scope; query: string; stats: Stats; failures: string[]; firstBody: unknown; bytes: number }
type CapturedQuery = { text: string; values: unknown[] }
type AppQuery = { name: string; excerpt: string; text: string; values: unknown[]; replayMs: number; plan: string; executionMs: number }

async function waitForRoute(minutes: number): Promise<boolean> {
  const deadline = Date.now() + minutes * 60_000
  for (;;) {
    if (fs.existsSync(ROUTE_FILE)) return true
    if (Date.now() >= deadline) return false
    log(`waiting for ${path.relative(ROOT, ROUTE_FILE)} (until ${new Date(deadline).toISOString().slice(11, 16)} UTC)`)
    await new Promise((r) => setTimeout(r, 30_000))
  }
}

async function apiRequest(query: string, token: string, route = '/api/v1/metrics') {
  const t = performance.now()
  const res = await fetch(`http://127.0.0.1:${server!.port}${route}?${query}`, { headers: { authorization: `Bearer ${token}` } })
  const body = await res.text()
  return { ms: performance.now() - t, status: res.status, body }
}

async function timeApi(scope: Scope, query: string, token: string, requests: number, warmup: number, route?: string): Promise<ApiCase> {
  const failures: string[] = []
  const ms: number[] = []
  let firstBody: unknown = null
  let bytes = 0
  for (let i = -warmup; i < requests; i++) {
    const r = await apiRequest(query, token, route)
    if (r.status !== 200) {
      failures.push(`${r.status} after ${r.ms.toFixed(0)} ms: ${r.body.slice(0, 300)}`)
      // a failing warm-up request will fail again: do not spend (requests x the app's statement_timeout)
      if (i < 0) {
        log(`${scope.label}: warm-up request answered ${r.status} after ${r.ms.toFixed(0)} ms; not measuring this scope`)
        break
      }
    }
    if (firstBody === null && r.status === 200) {
      firstBody = JSON.parse(r.body)
      bytes = r.body.length
      fs.writeFileSync(path.join(LOG_DIR, `response-${scope.label}${route ? '-strategies' : ''}.json`), r.body)
    }
    if (i >= 0) ms.push(r.ms)
  }
  return { scope, query, stats: latencyStats(ms), failures, firstBody, bytes }
}

// One request with capture on; its SELECTs replayed: timed (median of 3, no EXPLAIN) and EXPLAINed.
async function captureAppQueries(c: pg.Client, scope: Scope, query: string, token: string): Promise<AppQuery[]> {
  fs.rmSync(CAPTURE_FILE, { force: true })
  fs.writeFileSync(CAPTURE_FLAG, '')
  let r
  try {
    r = await apiRequest(query, token)
  } finally {
    fs.rmSync(CAPTURE_FLAG, { force: true })
  }
  if (r.status !== 200) log(`the captured ${scope.label} request answered ${r.status} after ${r.ms.toFixed(0)} ms; replaying its queries anyway`)
  if (!fs.existsSync(CAPTURE_FILE)) return []
  const captured = fs.readFileSync(CAPTURE_FILE, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as CapturedQuery)
  const out: AppQuery[] = []
  for (const q of captured) {
    if (!/^\s*(WITH|SELECT)\b/i.test(q.text)) continue
    // a query slower than the replay timeout is reported as such, with its plan without ANALYZE
    const times: number[] = []
    let timedOut = false
    let plan = ''
    await c.query(`SET statement_timeout = ${REPLAY_TIMEOUT_MS}`)
    try {
      for (let i = 0; i < 3 && !timedOut; i++) {
        const t = performance.now()
        await c.query(q.text, q.values).catch((err) => {
          if ((err as { code?: string }).code !== '57014') throw err
          timedOut = true
        })
        times.push(timedOut ? Infinity : performance.now() - t)
      }
      if (timedOut) log(`${scope.label}: ${appQueryName(q, scope)} took more than ${REPLAY_TIMEOUT_MS} ms; EXPLAIN without ANALYZE`)
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${timedOut ? '' : '(ANALYZE, BUFFERS) '}${q.text}`, q.values)
      plan = (timedOut ? `(did not finish within ${REPLAY_TIMEOUT_MS} ms: plan without ANALYZE)\n` : '') + rows.map((x) => x['QUERY PLAN']).join('\n')
    } finally {
      await c.query('SET statement_timeout = 0')
    }
    out.push({
      name: appQueryName(q, scope),
      excerpt: q.text.replace(/\s+/g, ' ').trim().slice(0, 110),
      text: q.text,
      values: q.values,
      replayMs: timedOut ? Infinity : times.sort((a, b) => a - b)[1]!,
      plan,
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
    })
  }
  return out
}

// Which lib/queries/metrics function sent a captured query (by what its SQL contains).
const APP_QUERY_NAMES: [RegExp, string][] = [
  [/FROM api_token/, 'getTokenCaller'],
  [/incident_attribution_hours AS/, 'listTeamServices'],
  [/FROM environment/, 'listScopeEnvironments'],
  [/"deploymentDays"/, 'countDeploymentsFromRows'],
  [/FROM pull_request_deployment\s+WHERE/, 'pullRequestLeadTimeFromRows'],
  [/WITH lt AS \(/, 'leadTimeStatsFromChanges'],
  [/r\.span = \$\d+/, 'spanStatsFromRollup: histograms'],
  [/WITH ORDINALITY AS l\(a, b, bin, off, i\)/, 'spanStatsFromRollup: ranks'],
  [/JOIN deployment_(service_)?rollup r/, 'deploymentCountsFromRollup'],
  [/"inferredFailures"/, 'countChangeFailuresFromRollup'],
  [/AS unplanned/, 'countChangeFailuresFromDeployments'],
  [/WITH spans AS \(/, 'restoreStats'],
  [/"ageSeconds"/, 'listOpenIncidents'],
  [/AS start, i\.resolved_at/, 'listOutages'],
]
function appQueryName(q: CapturedQuery, scope: Scope): string {
  const name = APP_QUERY_NAMES.find(([re]) => re.test(q.text))?.[1] ?? q.text.replace(/\s+/g, ' ').trim().slice(0, 40)
  // the previous window ends where the current one starts: a query with any time or date after the
  // current window's start reads the current one (the rollups' queries send days and weeks, and edge
  // pieces that need not end at the window's end)
  const times = [...JSON.stringify(q.values).matchAll(/"(\d{4}-\d\d-\d\d(?:T[^"]*)?)"/g)].map((m) => new Date(m[1]!).getTime())
  const window = times.length === 0 || times.some((t) => t > scope.from.getTime()) ? '' : ' (previous window)'
  return name + window
}

// Slow-looking plan nodes: sequential scans of the big tables, sorts and hashes spilling to disk, JIT.
function planFindings(plan: string): string[] {
  const found = new Set<string>()
  for (const line of plan.split('\n')) {
    const seq = /Seq Scan on (\w+)/.exec(line)
    const rows = /actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)/.exec(line)
    if (seq && rows && ['deployment', 'change', 'deployment_change', 'change_first_deployment'].includes(seq[1]!) && Number(rows[1]) * Number(rows[3]) >= 5) {
      found.add(`seq scan on ${seq[1]} (${rows[2]} rows out x ${rows[3]} loops, ${(Number(rows[1]) * Number(rows[3])).toFixed(0)} ms)`)
    }
    if (/Sort Method: external/.test(line)) found.add('sort spilled to disk')
    if (/Batches: ([2-9]|\d\d+)/.test(line)) found.add('hash spilled to disk (batches > 1)')
    const jit = /Timing: Generation [\d.]+ ms.*Total ([\d.]+) ms/.exec(line)
    if (jit) found.add(`JIT ${Number(jit[1]).toFixed(0)} ms`)
    const loops = /actual time=[\d.]+\.\.([\d.]+) rows=\d+ loops=(\d{4,})/.exec(line)
    if (loops && Number(loops[1]) * Number(loops[2]) > 50) found.add(`node run ${loops[2]} times (${(Number(loops[1]) * Number(loops[2])).toFixed(0)} ms in all): ${line.trim().replace(/\s+\(cost.*/, '').slice(0, 90)}`)
  }
  return [...found]
}

// The headline figures of the API's answer next to the hand-written queries' first answer.
function crossCheck(body: unknown, rows: Map<string, unknown[]>): string[][] {
  const m = (body as { metrics?: Record<string, { summary?: Record<string, unknown>; headline?: { value?: unknown } }> }).metrics ?? {}
  const s = (metric: string, key: string) => m[metric]?.summary?.[key]
  const r = (metric: string) => (rows.get(metric) ?? []) as Record<string, unknown>[]
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : v === undefined || v === null ? '-' : String(v))
  const frac = (a: unknown, b: unknown) => `${fmt(a)} / ${fmt(b)}`
  const avail = r('availability').map((x) => Number(x.availability))
  return [
    ['deployments (successful)', fmt(s('deploymentFrequency', 'count')), fmt(r('deploymentFrequency').find((x) => x.week === null)?.deployments)],
    ['lead time median s', fmt(s('leadTime', 'median')), fmt(r('leadTime')[0]?.median_s)],
    ['lead time p90 s', fmt(s('leadTime', 'p90')), fmt(r('leadTime')[0]?.p90_s)],
    ['change failures / deployments', frac(s('changeFailureRate', 'failures'), s('changeFailureRate', 'deployments')), frac(r('changeFailureRate')[0]?.failures, r('changeFailureRate')[0]?.deployments)],
    ['time to restore median s', fmt(s('timeToRestore', 'median')), fmt(r('timeToRestore')[0]?.median_s)],
    ['failed deployment recovery median s', fmt(s('failedDeploymentRecoveryTime', 'median')), fmt(r('failedDeploymentRecoveryTime')[0]?.median_s)],
    ['rework: unplanned / deployments', frac(s('reworkRate', 'unplanned'), s('reworkRate', 'deployments')), frac(r('reworkRate')[0]?.unplanned, r('reworkRate')[0]?.deployments)],
    ['availability (mean of services)', fmt(m.availability?.headline?.value), fmt(avail.length ? avail.reduce((a, b) => a + b, 0) / avail.length : undefined)],
  ]
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

async function main() {
  const requests = num('requests')
  const warmup = num('warmup')
  const days = num('days')
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v
  const jit = (await admin.query<{ v: string }>("SELECT current_setting('jit') AS v")).rows[0]!.v
  await admin.end()
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (jit ${jit})`
  console.log(`machine: ${machine}; session options (app and harness) ${[SESSION_SETTINGS, opts['pg-options']].filter(Boolean).join(' ')}`)
  console.log(`load average (1/5/15 min) at the start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)

  let withApp = !opts['sql-only']
  if (withApp && !(await waitForRoute(num('wait-route')))) {
    log(`${path.relative(ROOT, ROUTE_FILE)} does not exist: measuring the hand-written SQL only`)
    withApp = false
  }
  if (opts.source !== 'worktree' && opts.source !== 'head') throw new Error('--source: worktree or head')
  if (withApp && !opts['skip-build'] && !prebuilt) {
    await buildAppSnapshot({ buildDir: BUILD_DIR, dist: DIST, rebuild: opts.rebuild, source: opts.source, nice: opts.nice, log })
  }
  if (opts['build-only']) return

  let load: LoadReport | undefined
  const loadOpts = loadOptionsFrom(opts, log)
  if (opts.db) {
    database = opts.db
    log(`using the loaded database ${database}`)
  } else {
    database = await createBenchDatabase(log)
    ownDatabase = true
    const r = await loadMetricsData(dbUrl(database), loadOpts)
    load = { database, ...r }
    printLoadReport(load)
    if (!r.indexesMatchSchema) throw new Error('the indexes and constraints after the load differ from the migrated schema')
  }
  const url = dbUrl(database)
  const pgOptions = opts['pg-options'] || undefined
  // the harness's sessions get the app's settings (lib/db.ts), so replays and hand-written queries run as the app's do
  const sessionOptions = [SESSION_SETTINGS, pgOptions].filter(Boolean).join(' ')
  const c = new pg.Client({ connectionString: url, options: sessionOptions })
  await c.connect()
  await c.query('SET statement_timeout = 0')

  // The API is team-scoped and the org-wide case is "every service": one team owns all of them here.
  const orgTeam = (await c.query<{ id: number; slug: string }>('SELECT id, slug FROM team ORDER BY id LIMIT 1')).rows[0]!
  await c.query('UPDATE service SET team_id = $1 WHERE team_id <> $1', [orgTeam.id])
  // the move appends the services' rollups to the team as deltas: fold them, as the
  // worker's scheduled job does, so the measured reads see what a running install has
  await compactRollups(c)
  await c.query(`VACUUM ANALYZE ${ROLLUP_TABLES.join(', ')}`)
  const token = generateApiToken()
  await insertApiToken(c, { teamId: orgTeam.id, name: 'bench:metrics', prefix: token.prefix, hash: token.hash })

  const to = loadOpts.end
  const from = new Date(to.getTime() - days * 86_400_000)
  const environmentIds = (await c.query<{ id: number }>("SELECT id FROM environment WHERE tier = 'production' ORDER BY id")).rows.map((r) => r.id)
  const services = (await c.query<{ id: number; slug: string; deployments: number }>(
    `SELECT s.id, s.slug, (SELECT count(*) FROM deployment d WHERE d.service_id = s.id AND d.environment_id = ANY($1::int[])
       AND d.finished_at >= $2 AND d.finished_at < $3)::int AS deployments
     FROM service s ORDER BY deployments DESC, s.slug`, [environmentIds, from, to])).rows
  const one = opts.service ? services.find((s) => s.slug === opts.service) : services[0]
  if (!one) throw new Error(`no service ${opts.service}`)
  const inWindow = services.reduce((n, s) => n + s.deployments, 0)
  const base = { environmentIds, from, to, tz: opts.tz! }
  const scopes = {
    org: { ...base, label: 'org', serviceIds: services.map((s) => s.id) } satisfies Scope,
    service: { ...base, label: 'service', serviceIds: [one.id] } satisfies Scope,
  }
  const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), tz: opts.tz!, granularity: opts.granularity! })
  const queries = { org: q.toString(), service: `${q}&service=${encodeURIComponent(one.slug)}` }
  // GET /api/v1/metrics/strategies (issue 22): the same org-wide window, its own query (no granularity)
  const strategiesQuery = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), tz: opts.tz! }).toString()
  console.log(`window: [${from.toISOString()}, ${to.toISOString()}), ${days} days, tz ${opts.tz}, granularity ${opts.granularity}; ` +
    `org-wide: ${services.length} services (team ${orgTeam.slug}), ${inWindow.toLocaleString('en')} production deployments in the window; ` +
    `one service: ${one.slug}, ${one.deployments.toLocaleString('en')} (the largest${opts.service ? ' or as asked' : ''})`)

  const failed: string[] = []
  const api: Partial<Record<'org' | 'service', ApiCase>> = {}
  let strategies: ApiCase | undefined
  const appQueries: Partial<Record<'org' | 'service', AppQuery[]>> = {}
  if (withApp) {
    server = startApp({
      buildDir: BUILD_DIR, dist: DIST, port: num('port'), logFile: path.join(LOG_DIR, 'app.log'),
      env: {
        DATABASE_URL: url, DB_POOL_MAX: opts.pool, LOG_LEVEL: 'warn', PGOPTIONS: pgOptions,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(HERE, 'capture-queries.cjs')}`.trim(),
        BENCH_CAPTURE_FLAG: CAPTURE_FLAG, BENCH_CAPTURE_FILE: CAPTURE_FILE,
      },
    })
    await waitHealthy(server)
    log(`app up on port ${server.port} (log ${server.logFile})`)
    for (const k of ['org', 'service'] as const) {
      log(`API ${k}: ${warmup} warm-up + ${requests} requests`)
      const r = (api[k] = await timeApi(scopes[k], queries[k], token.token, requests, warmup))
      if (r.failures.length) failed.push(`API ${k}: ${r.failures.length} of ${requests + warmup} requests not 200, e.g.\n  ${r.failures.slice(0, 3).join('\n  ')}`)
    }
    log(`API strategies, org-wide: ${warmup} warm-up + ${requests} requests`)
    strategies = await timeApi(scopes.org, strategiesQuery, token.token, requests, warmup, '/api/v1/metrics/strategies')
    if (strategies.failures.length) failed.push(`API strategies: ${strategies.failures.length} of ${requests + warmup} requests not 200, e.g.\n  ${strategies.failures.slice(0, 3).join('\n  ')}`)
  }

  const hand: Partial<Record<'org' | 'service', Awaited<ReturnType<typeof timeHandWritten>> & { concurrent: Stats }>> = {}
  const hwPool = new pg.Pool({ connectionString: url, max: HAND_WRITTEN.length, options: sessionOptions })
  try {
    for (const k of ['org', 'service'] as const) {
      log(`hand-written SQL ${k}: ${warmup} warm-up + ${requests} rounds, sequential, then concurrent`)
      const seq = await timeHandWritten(c, scopes[k], requests, warmup)
      const concurrent = await timeHandWrittenConcurrent(hwPool, scopes[k], requests, warmup)
      hand[k] = { ...seq, concurrent }
    }
  } finally {
    await hwPool.end()
  }

  log('EXPLAIN (ANALYZE, BUFFERS): hand-written queries, and the queries of one API request per scope')
  const handPlans = { org: await explainHandWritten(c, scopes.org), service: await explainHandWritten(c, scopes.service) }
  if (withApp && Object.keys(api).length) {
    for (const k of ['org', 'service'] as const) appQueries[k] = await captureAppQueries(c, scopes[k], queries[k], token.token)
    if (!appQueries.org?.length) log('no app queries captured (is pg still external to the server bundle?)')
  }
  await c.end()

  // ---- report ----
  const lines: string[] = []
  const out = (l = '') => {
    lines.push(l)
  }
  out(`Machine: ${machine}. Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.` +
    ` Session options for the app and the harness: \`${sessionOptions}\`.`)
  if (load) {
    out()
    out(`Load: **${load.seconds.toFixed(1)} s** for ${Object.entries(load.counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}; ` +
      `indexes, keys and foreign keys identical to the migrated schema: ${load.indexesMatchSchema ? 'yes' : 'NO'}.`)
    out()
    out(table(['phase', 's'], load.phases.map((p) => [p.name, f1(p.seconds)])))
  }
  out()
  out(`Window [${from.toISOString()}, ${to.toISOString()}) (${days} days), tz ${opts.tz}, granularity ${opts.granularity}; org-wide = ${services.length} services ` +
    `(${inWindow.toLocaleString('en')} production deployments in the window), one service = ${one.slug} (${one.deployments.toLocaleString('en')}). ` +
    `${warmup} warm-up requests/rounds, then ${requests} sequential; latencies in ms.`)
  out()
  const rows: (string | number)[][] = []
  for (const k of ['org', 'service'] as const) {
    const a = api[k]
    if (a) rows.push([`**API** GET /api/v1/metrics, ${k === 'org' ? 'org-wide' : 'one service'}`, f0(a.stats.p50), `**${f0(a.stats.p95)}**`, f0(a.stats.max),
      `p95 <= ${TARGET_MS[k]}: ${a.stats.p95 <= TARGET_MS[k] ? 'met' : '**NOT met**'}`])
    if (k === 'org' && strategies) {
      rows.push(['**API** GET /api/v1/metrics/strategies, org-wide', f0(strategies.stats.p50), `**${f0(strategies.stats.p95)}**`, f0(strategies.stats.max),
        `p95 <= ${TARGET_MS.org}: ${strategies.stats.p95 <= TARGET_MS.org ? 'met' : '**NOT met**'}`])
    }
    const h = hand[k]!
    rows.push([`hand-written SQL, all ${HAND_WRITTEN.length} one after another, ${k === 'org' ? 'org-wide' : 'one service'}`, f0(h.allSequential.p50), f0(h.allSequential.p95), f0(h.allSequential.max), ''])
    rows.push([`hand-written SQL, all ${HAND_WRITTEN.length} at once on ${HAND_WRITTEN.length} connections, ${k === 'org' ? 'org-wide' : 'one service'}`, f0(h.concurrent.p50), f0(h.concurrent.p95), f0(h.concurrent.max), ''])
  }
  out(table(['what', 'p50', 'p95', 'max', 'target'], rows))
  out()
  out('Hand-written query per metric (same rounds):')
  out()
  out(table(['metric', 'org p50', 'org p95', 'org max', 'service p50', 'service p95', 'service max'], HAND_WRITTEN.map((q) => {
    const o = hand.org!.perQuery.find((x) => x.metric === q.metric)!
    const s = hand.service!.perQuery.find((x) => x.metric === q.metric)!
    return [q.metric, f1(o.p50), f1(o.p95), f1(o.max), f1(s.p50), f1(s.p95), f1(s.max)]
  })))
  for (const k of ['org', 'service'] as const) {
    const qs = appQueries[k]
    if (!qs?.length) continue
    out()
    out(`Queries of one API request, ${k === 'org' ? 'org-wide' : 'one service'} (${qs.length} SELECTs; replayed alone: median of 3 without EXPLAIN; sum ${f0(qs.reduce((n, x) => n + x.replayMs, 0))} ms):`)
    out()
    out(table(['#', 'query (lib/queries/metrics)', 'ms', 'EXPLAIN ANALYZE ms', 'look at'], qs.map((x, i) => [i + 1, x.name, f1(x.replayMs), f1(x.executionMs), planFindings(x.plan).join('; ').replace(/\|/g, '\\|')])))
  }
  for (const k of ['org', 'service'] as const) {
    const body = api[k]?.firstBody
    if (!body) continue
    out()
    out(`Same numbers? API answer against the hand-written queries, ${k === 'org' ? 'org-wide' : 'one service'} (definitions differ where noted in bench/metrics/hand-written-sql.ts):`)
    out()
    out(table(['metric', 'API', 'hand-written'], crossCheck(body, hand[k]!.firstRows)))
  }
  const planBlock = (title: string, plan: string, text?: string, values?: unknown[]) => {
    out()
    out(`<details><summary>${title}</summary>`)
    out()
    if (text) {
      out('```sql')
      out(text.trim())
      out('```')
      out()
      out(`parameters: \`${JSON.stringify(values).slice(0, 400)}\``)
      out()
    }
    out('```')
    out(plan)
    out('```')
    out()
    out('</details>')
  }
  out()
  out('Plans (EXPLAIN (ANALYZE, BUFFERS), warm):')
  for (const k of ['org', 'service'] as const) {
    for (const p of handPlans[k]) planBlock(`hand-written ${p.metric}, ${k === 'org' ? 'org-wide' : 'one service'}`, p.plan)
    for (const [i, x] of (appQueries[k] ?? []).entries()) planBlock(`app query ${i + 1}, ${k === 'org' ? 'org-wide' : 'one service'}: ${x.name}`, x.plan, x.text, x.values)
  }
  const report = lines.join('\n') + '\n'
  const reportPath = opts.report ?? path.join(LOG_DIR, 'report.md')
  fs.writeFileSync(reportPath, report)
  fs.writeFileSync(path.join(LOG_DIR, 'results.json'), JSON.stringify({ load, api, hand: { org: { ...hand.org, firstRows: Object.fromEntries(hand.org!.firstRows) }, service: { ...hand.service, firstRows: Object.fromEntries(hand.service!.firstRows) } }, appQueries }, null, 2))

  // console summary
  console.log('')
  console.log(table(['what', 'p50', 'p95', 'max', 'target'], rows).split('\n').filter((_, i) => i !== 1).join('\n').replace(/\*\*/g, ''))
  console.log('')
  for (const q of HAND_WRITTEN) {
    const o = hand.org!.perQuery.find((x) => x.metric === q.metric)!
    const s = hand.service!.perQuery.find((x) => x.metric === q.metric)!
    console.log(`  ${q.metric.padEnd(30)} org p50 ${f1(o.p50).padStart(7)} p95 ${f1(o.p95).padStart(7)}   service p50 ${f1(s.p50).padStart(6)} p95 ${f1(s.p95).padStart(6)}`)
  }
  for (const k of ['org', 'service'] as const) {
    for (const [i, x] of (appQueries[k] ?? []).entries()) {
      console.log(`  app ${k} #${String(i + 1).padEnd(2)} ${f1(x.replayMs).padStart(8)} ms  ${x.name.padEnd(45)} ${planFindings(x.plan).join('; ')}`)
    }
  }
  console.log(`\nreport: ${reportPath} (results.json, responses and the app log in ${LOG_DIR})`)
  const figures: Record<string, number> = {}
  for (const k of ['org', 'service'] as const) {
    if (api[k]) Object.assign(figures, { [`api${k === 'org' ? 'Org' : 'Service'}P50Ms`]: api[k]!.stats.p50, [`api${k === 'org' ? 'Org' : 'Service'}P95Ms`]: api[k]!.stats.p95 })
    Object.assign(figures, { [`handWritten${k === 'org' ? 'Org' : 'Service'}P50Ms`]: hand[k]!.allSequential.p50 })
  }
  if (strategies) Object.assign(figures, { apiStrategiesOrgP50Ms: strategies.stats.p50, apiStrategiesOrgP95Ms: strategies.stats.p95 })
  if (load) figures.loadSeconds = load.seconds
  printFigures('metrics', figures)
  if (!withApp) {
    console.log('the API was NOT measured (no route or --sql-only)')
    if (!opts['sql-only']) process.exitCode = 3
  }
  if (failed.length) {
    console.error(`\nFAILED (any non-200 answer is an error):\n${failed.join('\n')}`)
    process.exitCode = 1
  }
}

async function cleanup() {
  await stopServer(server)
  fs.rmSync(CAPTURE_FLAG, { force: true })
  if (database && ownDatabase) {
    if (opts['keep-db']) log(`kept ${database} (reuse with --db ${database})`)
    else await dropBenchDatabase(database).catch((err) => log(`could not drop ${database}: ${err.message}`))
  }
}

runBench(main, cleanup, log)
