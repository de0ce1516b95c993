// npm run bench:webhooks -- [--deliveries 20000] [--connections 50] [--github-connections 1] [--source worktree|head] [--skip-build] [--skip-worker] [--server web|next]
// Signed GitHub deployment_status deliveries sent to POST /api/webhooks/github of the built app
// (served as npm start serves it: scripts/web-server.ts; `--server next`: plain `next start`) from 50 concurrent keep-alive connections: acknowledged (202) per second and latency;
// then the job worker (npm run worker) is started and the time to process the queue is measured.
// Target (issue 5): acknowledge >= 2,000/s on this machine. Uses its own database, dropped at the end.
// Exits non-zero when any delivery is not answered 202 or not processed. --smoke: npm test's short form
// (200 deliveries); --build-dir . --dist .next serves a build made elsewhere instead of a snapshot.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import http from 'node:http'
import fs from 'node:fs'
import pg from 'pg'
import { sign } from '@octokit/webhooks-methods'
import { sealSecret } from '@/lib/crypto/secret-box'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { SMOKE, appBuild, buildAppSnapshot, buildArgs, dbUrl, latencyStats, startApp, stopServer, waitHealthy, type Server } from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { createBenchDatabase, dropBenchDatabase } from '../metrics/load-data'

const { values: opts } = parseArgs({
  options: {
    ...buildArgs,
    deliveries: { type: 'string', default: SMOKE ? '200' : '20000' },
    connections: { type: 'string', default: SMOKE ? '10' : '50' },
    warmup: { type: 'string', default: SMOKE ? '20' : '1000' },
    port: { type: 'string', default: '3930' },
    'skip-build': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'skip-worker': { type: 'boolean', default: false }, // acknowledgements only
    // GitHub connections, each with its own secret and repository; the deliveries come from the last one's
    'github-connections': { type: 'string', default: '1' },
    source: { type: 'string', default: 'worktree' }, // worktree | head: what the app is built from
    'cpu-prof': { type: 'string' }, // a directory: the app writes a V8 CPU profile there when it stops
    // web: scripts/web-server.ts, as npm start runs it; next: `next start`, every request through Next.js
    server: { type: 'string', default: 'web' },
  },
})

const TARGET_PER_SECOND = 2_000
const { buildDir: BUILD_DIR, dist: DIST, prebuilt } = appBuild(opts, path.join(os.tmpdir(), 'plimsoll-benchwh-build'))
const log = (m: string) => console.error(`[bench:webhooks] ${new Date().toISOString().slice(11, 19)} ${m}`)
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, Record<string, unknown>>[] }[]

// A success for deployment n of Codertocat/Hello-World, as GitHub would send it.
function delivery(n: number, secretFor: string) {
  const base = examples.find((e) => e.name === 'deployment_status')!.examples[0]!
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString()
  const body = JSON.stringify({
    ...base,
    deployment: { ...base.deployment, id: 1_000_000 + n, sha: randomBytes(20).toString('hex'), created_at: at, environment: 'production' },
    deployment_status: { ...base.deployment_status, state: 'success', created_at: at },
  })
  return { body, signature: sign(secretFor, body) }
}

function post(agent: http.Agent, port: number, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/webhooks/github', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    // a reset connection (keep-alive race under load) counts as a delivery not acknowledged
    req.on('error', () => resolve(0))
    req.end(body)
  })
}

// Deployments one minute apart in the order they are sent, as a service's deployments arrive: random
// numbers here once spread them over 1,900 years in random order, the worst case for the sequence refresh.
let sent = 0
async function send(agent: http.Agent, port: number, total: number, concurrency: number, secret: string) {
  const payloads = await Promise.all(Array.from({ length: total }, async () => {
    const d = delivery(sent++, secret)
    return { body: d.body, signature: await d.signature }
  }))
  const latencies: number[] = []
  let next = 0
  const statuses = new Map<number, number>() // answers other than 202 (0: connection reset)
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < total; i = next++) {
      const p = payloads[i]!
      const t0 = performance.now()
      const status = await post(agent, port, p.body, {
        'content-type': 'application/json',
        'x-github-event': 'deployment_status',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': p.signature,
      })
      latencies.push(performance.now() - t0)
      if (status !== 202) statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
  }))
  const seconds = (performance.now() - started) / 1000
  const failures = [...statuses.values()].reduce((a, b) => a + b, 0)
  const refused = [...statuses].map(([status, n]) => `${n} × ${status || 'reset'}`).join(', ')
  return { perSecond: total / seconds, seconds, failures, refused, latency: latencyStats(latencies) }
}

function startWorker(url: string, key: string): ChildProcess {
  // from the snapshot the app was built from, so --source head measures the committed worker too
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: BUILD_DIR,
    env: { ...process.env, DATABASE_URL: url, PLIMSOLL_SECRET_KEY: key, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  })
}
const stopWorker = (w: ChildProcess) => new Promise<void>((resolve) => {
  if (w.exitCode !== null) return resolve()
  w.on('exit', () => resolve())
  process.kill(-w.pid!, 'SIGTERM')
})

// user + system CPU seconds of the app's process group and of the database's backends (Linux /proc)
async function cpuSeconds(client: pg.Client, database: string, appGroup: number): Promise<{ app: number; db: number }> {
  const ticks = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return { group: Number(fields[2]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 }
    } catch {
      return { group: -1, cpu: 0 }
    }
  }
  const pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
  const app = pids.map(ticks).filter((t) => t.group === appGroup).reduce((sum, t) => sum + t.cpu, 0)
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database])
  return { app, db: rows.reduce((sum, r) => sum + ticks(r.pid).cpu, 0) }
}

async function count(client: pg.Client, state: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_delivery WHERE state = $1', [state])
  return rows[0]!.n
}

async function main() {
  const total = Number(opts.deliveries)
  const concurrency = Number(opts.connections)
  const key = randomBytes(32).toString('base64')
  const secret = randomBytes(16).toString('hex')
  const database = await createBenchDatabase(log)
  const url = dbUrl(database)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let server: Server | undefined
  let worker: ChildProcess | undefined
  const failedDeliveries: string[] = []
  try {
    const { rows: [team] } = await client.query<{ id: number }>("INSERT INTO team (slug, name) VALUES ('bench', 'Bench') RETURNING id")
    const {
      rows: [service],
    } = await client.query<{ id: number }>("INSERT INTO service (team_id, slug, name) VALUES ($1, 'hello', 'Hello') RETURNING id", [team!.id])
    const others = Number(opts['github-connections']) - 1
    for (let i = 0; i < others; i++) {
      const id = await insertGithubConnection(client, {
        teamId: team!.id,
        name: `other-${i}`,
        webhookSecretEnc: sealSecret(randomBytes(16).toString('hex'), Buffer.from(key, 'base64')),
      })
      await mapGithubRepository(client, { connectionId: id, fullName: `other/repo-${i}`, serviceId: service!.id })
    }
    const connectionId = await insertGithubConnection(client, {
      teamId: team!.id,
      name: 'bench',
      webhookSecretEnc: sealSecret(secret, Buffer.from(key, 'base64')),
    })
    await mapGithubRepository(client, { connectionId, fullName: 'Codertocat/Hello-World', serviceId: service!.id })
    if (opts.source !== 'worktree' && opts.source !== 'head') throw new Error('--source: worktree or head')
    if (opts.server !== 'web' && opts.server !== 'next') throw new Error('--server: web or next')
    if (!opts['skip-build'] && !prebuilt) await buildAppSnapshot({ buildDir: BUILD_DIR, dist: DIST, source: opts.source, log })
    server = startApp({
      server: opts.server,
      buildDir: BUILD_DIR,
      dist: DIST,
      port: Number(opts.port),
      logFile: path.join(os.tmpdir(), 'plimsoll-benchwh-app.log'),
      env: { DATABASE_URL: url, PLIMSOLL_SECRET_KEY: key, LOG_LEVEL: 'warn' },
      nodeArgs: opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${opts['cpu-prof']}`] : undefined,
    })
    await waitHealthy(server)
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
    log(`warm-up: ${opts.warmup} deliveries`)
    const warm = await send(agent, server.port, Number(opts.warmup), concurrency, secret)
    if (warm.failures) failedDeliveries.push(`warm-up: ${warm.failures} not 202 (${warm.refused})`)
    log(`measured: ${total} deliveries on ${concurrency} connections (load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})`)
    const cpuBefore = await cpuSeconds(client, database, server.child.pid!)
    const ack = await send(agent, server.port, total, concurrency, secret)
    const cpuAfter = await cpuSeconds(client, database, server.child.pid!)
    const perDelivery = (k: 'app' | 'db') => (((cpuAfter[k] - cpuBefore[k]) * 1000) / total).toFixed(2)
    agent.destroy()
    await stopServer(server)
    server = undefined
    console.log(
      `acknowledged: ${ack.perSecond.toFixed(0)} deliveries/s (${total} in ${ack.seconds.toFixed(1)} s, ${concurrency} connections, ${opts['github-connections']} GitHub connections, ${ack.failures} not 202${ack.failures ? `: ${ack.refused}` : ''}); ` +
        `latency p50 ${ack.latency.p50.toFixed(1)} ms, p95 ${ack.latency.p95.toFixed(1)} ms, max ${ack.latency.max.toFixed(1)} ms; target ${TARGET_PER_SECOND}/s: ${ack.perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT met'}; ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' / ')}`,
    )
    // CPU time per delivery depends much less on what else runs on the machine than the rate does
    console.log(
      `CPU per acknowledged delivery (send phase, payload generation excluded): app ${perDelivery('app')} ms, PostgreSQL backends ${perDelivery('db')} ms`,
    )
    if (ack.failures) failedDeliveries.push(`measured: ${ack.failures} of ${total} not 202 (${ack.refused})`)
    const figures: Record<string, number> = {
      acknowledgedPerSecond: ack.perSecond,
      ackP50Ms: ack.latency.p50,
      ackP95Ms: ack.latency.p95,
      appCpuMsPerDelivery: Number(perDelivery('app')),
    }
    if (opts['skip-worker']) return printFigures('webhooks', figures)
    const pending = await count(client, 'pending')
    log(`processing ${pending} pending deliveries with the worker (it turns stored deliveries into jobs)`)
    const started = performance.now()
    worker = startWorker(url, key)
    let left = pending
    // a worker that died will not drain the queue: stop waiting (a smoke run must fail in seconds, not 30 minutes)
    while (left > 0 && worker.exitCode === null && performance.now() - started < 30 * 60_000) {
      await new Promise((r) => setTimeout(r, 1000))
      left = await count(client, 'pending')
    }
    const processingSeconds = (performance.now() - started) / 1000
    const [processed, failed] = [await count(client, 'processed'), await count(client, 'failed')]
    console.log(
      `processed by one worker: ${(pending / processingSeconds).toFixed(0)} deliveries/s (${pending} in ${processingSeconds.toFixed(1)} s, worker start included; ` +
        `${processed} processed, ${failed} failed, ${left} still pending)`,
    )
    if (worker.exitCode !== null) failedDeliveries.push(`the worker exited (code ${worker.exitCode}); run npm run worker to see why`)
    if (failed || left) failedDeliveries.push(`processing: ${failed} failed, ${left} still pending`)
    printFigures('webhooks', { ...figures, processedPerSecond: pending / processingSeconds })
  } finally {
    if (failedDeliveries.length) {
      console.error(`FAILED (every delivery must be answered 202 and processed):\n  ${failedDeliveries.join('\n  ')}`)
      process.exitCode = 1
    }
    if (worker) await stopWorker(worker)
    await stopServer(server)
    await client.end()
    if (opts['keep-db']) log(`kept ${database}`)
    else await dropBenchDatabase(database)
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
