// npm run bench:probes -- [--minutes 10] [--targets 200] [--interval 10] [--concurrency 64]
// 200 local targets (100 HTTP, 100 TCP; some hang, some flap) probed every 10 s by the worker's
// probe service (scheduler, result recording, incidents, rollups) against its own database, for 10
// minutes. Prints schedule lag (start - due time): max and p99 against the goal of 1 s (issue 7).
// --smoke: npm test's short form (10 targets every 10 s for 15 s; the goal is not enforced there).
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { parseArgs } from 'node:util'
import { BIN, ROOT, SMOKE, dbUrl, runBench } from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { createBenchDatabase, dropBenchDatabase } from '../metrics/load-data'

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    minutes: { type: 'string', default: SMOKE ? '0.25' : '10' },
    targets: { type: 'string', default: SMOKE ? '10' : '200' },
    interval: { type: 'string', default: '10' }, // seconds; probe_check allows no less
    concurrency: { type: 'string', default: '64' },
    'keep-db': { type: 'boolean', default: false },
  },
})
const GOAL_MS = 1000
const log = (m: string) => console.error(`[bench:probes] ${new Date().toISOString().slice(11, 19)} ${m}`)
const children: ReturnType<typeof spawn>[] = []
let dbName: string | undefined

function quantile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN
}

async function main() {
  const n = Number(opts.targets)
  const minutes = Number(opts.minutes)
  dbName = await createBenchDatabase(log)
  process.env.DATABASE_URL = dbUrl(dbName)
  process.env.LOG_LEVEL ??= 'warn'
  // imported after DATABASE_URL is set: the app's pool reads it on first use
  const { pool } = await import('@/lib/db')
  const { upsertProbeCheck } = await import('@/lib/queries/probes/upsert-probe-check')
  const { startProbeService } = await import('@/lib/probes/probe-service')

  const child = spawn(
    path.join(BIN, 'tsx'),
    [path.join(ROOT, 'bench/probes/targets.ts'), '--http', String(Math.ceil(n / 2)), '--tcp', String(Math.floor(n / 2))],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  children.push(child)
  const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve))
  const targets = JSON.parse(line) as ({ kind: 'http'; url: string } | { kind: 'tcp'; port: number })[]
  log(`${targets.length} targets up; creating ${targets.length} services with one check each (every ${opts.interval} s)`)

  const team = (await pool().query<{ id: number }>(`INSERT INTO team (slug, name) VALUES ('bench-probes', 'Bench') RETURNING id`)).rows[0]!.id
  for (const [i, t] of targets.entries()) {
    const service = (
      await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [team, `probe-target-${i}`])
    ).rows[0]!.id
    await upsertProbeCheck(pool(), service, {
      name: 'health',
      kind: t.kind,
      method: 'GET',
      url: t.kind === 'http' ? t.url : null,
      host: t.kind === 'tcp' ? '127.0.0.1' : null,
      port: t.kind === 'tcp' ? t.port : null,
      expectStatusMin: 200,
      expectStatusMax: 299,
      bodyContains: t.kind === 'http' ? 'ok' : null,
      timeoutMs: 2000,
      intervalSeconds: Number(opts.interval),
      failureThreshold: 3,
      enabled: true,
    })
  }

  const lags: number[] = []
  let failures = 0
  const load0 = os.loadavg()
  const started = Date.now()
  const { loopbackAllowList } = await import('@/lib/testing/probe-targets')
  // one team holds every target here: it may use every slot; the targets listen on loopback (allow-listed for the bench)
  const service = await startProbeService({
    concurrency: Number(opts.concurrency),
    perTeamConcurrency: Number(opts.concurrency),
    allowList: loopbackAllowList,
    onResult: (_c, r) => {
      lags.push(Math.max(0, Math.round(r.lagMs)))
      if (!r.up) failures++
    },
  })
  log(`probing for ${minutes} min (load average ${load0.map((l) => l.toFixed(2)).join(' ')})`)
  const progress = setInterval(() => log(`${lags.length} probes, max lag so far ${Math.max(0, ...lags)} ms`), 60_000)
  await new Promise((r) => setTimeout(r, minutes * 60_000))
  clearInterval(progress)
  await service.stop()
  const elapsed = (Date.now() - started) / 1000
  const load1 = os.loadavg()

  const counts = (
    await pool().query<{ changes: number; incidents: number; rollups: number; bytes: string }>(`
    SELECT (SELECT count(*)::int FROM probe_state_change) AS changes, (SELECT count(*)::int FROM incident WHERE source = 'probe') AS incidents,
      (SELECT count(*)::int FROM probe_rollup) AS rollups, pg_size_pretty(pg_total_relation_size('probe_rollup') + pg_total_relation_size('probe_state_change')) AS bytes`)
  ).rows[0]!
  const sorted = [...lags].sort((a, b) => a - b)
  const expected = Math.floor((elapsed * targets.length) / Number(opts.interval))
  const result = {
    targets: targets.length, intervalSeconds: Number(opts.interval), minutes, probes: lags.length, expectedAbout: expected, failures,
    lagMs: { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN },
    withinGoal: (sorted[sorted.length - 1] ?? Infinity) <= GOAL_MS,
    stored: counts, loadAverage: { before: load0.map((l) => +l.toFixed(2)), after: load1.map((l) => +l.toFixed(2)) }, cpus: os.cpus().length,
  }
  console.log(JSON.stringify(result, null, 2))
  printFigures('probes', { probes: result.probes, lagP50Ms: result.lagMs.p50, lagP99Ms: result.lagMs.p99, lagMaxMs: result.lagMs.max })
  log(`schedule lag p99 ${result.lagMs.p99} ms, max ${result.lagMs.max} ms (goal <= ${GOAL_MS} ms): ${result.withinGoal ? 'met' : 'NOT met'}`)
  await pool().end()
}

runBench(main, async () => {
  for (const c of children) c.kill('SIGTERM')
  if (dbName && !opts['keep-db']) await dropBenchDatabase(dbName).catch((err: unknown) => log(`could not drop ${dbName}: ${String(err)}`))
}, log)
