// npm run bench:demo [-- --runs 3] [--only pg|pglite] [--max-seconds 5] [--smoke]
// How long npm start's demo load (seedDemo: rows, probes, scans, queued reports) takes on an empty,
// migrated database, loaded as npm start loads it, over one connection:
// - pg: a database of its own on the PostgreSQL server of DATABASE_URL (default 127.0.0.1:5432);
// - pglite: the embedded PGlite in this process, as npm start runs it, in a data directory of its own
//   under the system's temporary directory (migrated once, and that directory's contents loaded into a new
//   one for each run).
// Per run: wall seconds and CPU seconds (from /proc): all of this process's (the loader, its scan-parsing
// thread and, on PGlite, the database itself) plus, on PostgreSQL, the backend's; and the critical path's:
// the main thread (the loader, and PGlite) plus the backend, which take turns, or the process's other
// threads (the parsing thread, GC helpers), which run alongside on the other core, whichever is longer. The best run per database must stay under --max-seconds (issue 19: 5 s);
// the best, because other jobs on a shared machine only ever add time. On a machine busier than its cores
// (1-minute load average above the core count at the start) no run shows an idle machine's wall time:
// the bound is then judged on the least critical-path CPU seconds (about an idle machine's wall time),
// and the bench says which it judged. --smoke: npm test's short form (2 runs per database).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { seedDemo } from '@/lib/demo/seed'
import { startEmbeddedPostgres } from '@/lib/embedded/embedded-postgres'
import { runMigrations } from '@/lib/embedded/run-migrations'
import { SMOKE, dbUrl } from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { cpuOf, mainThreadCpuMs } from '../shared/proc-cpu'
import { createBenchDatabase, dropBenchDatabase } from '../metrics/load-data'

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string', default: SMOKE ? '2' : '3' },
    only: { type: 'string' },
    'max-seconds': { type: 'string', default: '5' },
  },
})
const log = (m: string) => console.error(`[bench:demo] ${new Date().toISOString().slice(11, 19)} ${m}`)
type Run = { seconds: number; cpuSeconds: number; pathCpuSeconds: number }

// One load on a connected, empty database; `backendCpuMs` reads the server side's CPU (PostgreSQL).
async function measure(client: pg.Client, backendCpuMs: () => number): Promise<Run> {
  const cpuBefore = process.cpuUsage()
  const [backendBefore, mainBefore] = [backendCpuMs(), mainThreadCpuMs()]
  const r = await seedDemo(client, { log: (line) => log(`  ${line}`) })
  const cpu = process.cpuUsage(cpuBefore)
  const backend = (backendCpuMs() - backendBefore) / 1000
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 + backend
  const main = (mainThreadCpuMs() - mainBefore) / 1000
  const pathCpuSeconds = Math.max(main + backend, cpuSeconds - backend - main)
  log(`  ${r.deployments} deployments, ${r.incidents} incidents, ${r.scans} scans, ${r.reports} reports queued: ` +
    `${r.seconds.toFixed(2)} s, ${cpuSeconds.toFixed(2)} CPU s (critical path ${pathCpuSeconds.toFixed(2)} s)`)
  return { seconds: r.seconds, cpuSeconds, pathCpuSeconds }
}

async function onPostgres(): Promise<Run> {
  const name = await createBenchDatabase(log)
  const client = new pg.Client({ connectionString: dbUrl(name) })
  try {
    await client.connect()
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid
    return await measure(client, () => cpuOf([pid]).get(pid) ?? 0)
  } finally {
    await client.end().catch(() => undefined)
    await dropBenchDatabase(name)
  }
}

async function onPglite(dump: Blob): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plimsoll-bench-demo-'))
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pglite'), port: 0, loadDataDir: dump })
  const client = new pg.Client({ connectionString: embedded.url })
  try {
    await client.connect()
    return await measure(client, () => 0) // the database runs in this process: its CPU is counted there
  } finally {
    await client.end().catch(() => undefined)
    await embedded.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function migratedPglite(): Promise<Blob> {
  const embedded = await startEmbeddedPostgres({ dataDir: 'memory', port: 0 })
  try {
    await runMigrations(embedded.url)
    return await embedded.dump()
  } finally {
    await embedded.stop()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!

async function main() {
  const runs = Number(opts.runs)
  const max = Number(opts['max-seconds'])
  const targets = (opts.only?.split(',') ?? ['pg', 'pglite']).filter((t) => t === 'pg' || t === 'pglite')
  const busy = os.loadavg()[0]! > os.cpus().length
  console.log(`machine: ${os.cpus().length} cores, load average at the start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}: ` +
    (busy ? `busy, the ${max} s bound is judged on critical-path CPU seconds` : `the ${max} s bound is judged on wall seconds`))
  const figures: Record<string, number> = {}
  const failures: string[] = []
  for (const target of targets) {
    const dump = target === 'pglite' ? await migratedPglite() : null
    const results: Run[] = []
    for (let i = 1; i <= runs; i++) {
      log(`${target}: run ${i} of ${runs}`)
      results.push(dump ? await onPglite(dump) : await onPostgres())
    }
    const best = results.reduce((a, b) => (b.seconds < a.seconds ? b : a))
    const leastCpu = Math.min(...results.map((r) => r.cpuSeconds))
    const leastPath = Math.min(...results.map((r) => r.pathCpuSeconds))
    const each = results.map((r) => `${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s, path ${r.pathCpuSeconds.toFixed(2)} s)`)
    console.log(`${target}: runs ${each.join(', ')}; best ${best.seconds.toFixed(2)} s, median ${median(results.map((r) => r.seconds)).toFixed(2)} s, ` +
      `least CPU ${leastCpu.toFixed(2)} s, path ${leastPath.toFixed(2)} s`)
    Object.assign(figures, {
      [`${target}BestSeconds`]: best.seconds, [`${target}MedianSeconds`]: median(results.map((r) => r.seconds)),
      [`${target}CpuSeconds`]: leastCpu, [`${target}PathCpuSeconds`]: leastPath,
    })
    const judged = busy ? leastPath : best.seconds
    if (judged > max) failures.push(`${target}: the best load took ${judged.toFixed(2)} ${busy ? 'critical-path CPU ' : ''}s, over ${max} s`)
  }
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes share these cores)`)
  printFigures('demo', figures)
  if (failures.length) {
    console.error(`[bench:demo] FAILED: ${failures.join('; ')}`)
    process.exitCode = 1
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
