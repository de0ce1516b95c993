import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import pg from 'pg'

// `npm start` as a person runs it (the embedded database, a data dir and a port of its own): the web
// process killed with SIGKILL is started again within 10 s, every deployment it acknowledged is stored,
// the worker is started again too, and SIGTERM still stops everything (scripts/start.ts).
const PORT = Number(process.env.E2E_PORT ?? 3100) + 7
const base = `http://127.0.0.1:${PORT}`
let start: ChildProcess | undefined
let output = ''
let dataDir: string

const seen = (pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> => new Promise((resolve, reject) => {
  const until = Date.now() + timeoutMs
  const poll = setInterval(() => {
    const m = output.slice(from).match(pattern)
    if (m) resolve(m)
    else if (Date.now() > until || start?.exitCode != null) reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.slice(-3000)}`))
    else return
    clearInterval(poll)
  }, 100)
})

test.beforeAll(async () => {
  // migrations and the demo data on a fresh embedded database take a minute on a loaded 2-core machine
  test.setTimeout(300_000)
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'plimsoll-restart-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), PLIMSOLL_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }
  for (const k of ['DATABASE_URL', 'PLIMSOLL_SECRET_KEY', 'PLIMSOLL_PUBLIC_URL', 'NEXT_DIST_DIR']) delete env[k]
  start = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  start.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  start.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  await seen(/\[plimsoll\] ready:/, 240_000)
})

test.afterAll(async () => {
  if (start && start.exitCode === null) {
    start.kill('SIGTERM')
    await new Promise((r) => start!.once('exit', r))
  }
  rmSync(dataDir, { recursive: true, force: true })
})

test('SIGKILL of the web process: back within 10 s, nothing acknowledged lost, SIGTERM still stops everything', async () => {
  test.setTimeout(300_000)
  const token = (await seen(/demo ingest token \(team [^)]+\): (\S+)/, 1_000))[1]!
  const pgPort = (await seen(/embedded PostgreSQL \(PGlite\) on 127\.0\.0\.1:(\d+)/, 1_000))[1]!
  const webPid = Number((await seen(/web started \(pid (\d+)\)/, 1_000))[1])
  const workerPid = Number((await seen(/worker started \(pid (\d+)\)/, 1_000))[1])
  const service = `restart-${Date.now().toString(36)}`
  const acknowledged = new Set<string>()
  let sent = 0
  const post = async () => {
    const id = `d${sent++}`
    const res = await fetch(`${base}/api/v1/deployments`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, service, environment: 'production', status: 'success', finishedAt: new Date().toISOString() }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null)
    if (res && res.status < 300) acknowledged.add(id)
  }
  for (let i = 0; i < 20; i++) await post()
  expect(acknowledged.size).toBe(20)

  const mark = output.length
  process.kill(webPid, 'SIGKILL')
  const killedAt = Date.now()
  // deployments keep coming while it is down: those refused are not acknowledged, those answered must be stored
  let upAfterMs = 0
  while (!upAfterMs && Date.now() - killedAt < 90_000) {
    await post()
    const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null)
    if (health?.ok) upAfterMs = Date.now() - killedAt
    else await new Promise((r) => setTimeout(r, 100))
  }
  const newPid = Number((await seen(/web started \(pid (\d+)\)/, 1_000, mark))[1])
  expect(newPid).not.toBe(webPid)
  expect(upAfterMs, 'the web process never answered again').toBeGreaterThan(0)
  // soft: the rest (nothing lost, the worker, the stop) is still checked and reported when it came back late
  expect.soft(upAfterMs, `the web process answered again ${upAfterMs} ms after the kill`).toBeLessThan(10_000)
  for (let i = 0; i < 20; i++) await post()

  const db = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${pgPort}/postgres` })
  await db.connect()
  const { rows } = await db.query<{ external_id: string }>(
    'SELECT d.external_id FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = $1', [service])
  await db.end()
  const stored = new Set(rows.map((r) => r.external_id))
  expect([...acknowledged].filter((id) => !stored.has(id)), 'acknowledged but not stored').toEqual([])
  expect(rows.length).toBe(stored.size) // none twice
  expect(stored.size).toBeGreaterThanOrEqual(40)

  // the worker too
  const workerMark = output.length
  process.kill(workerPid, 'SIGKILL')
  await seen(/worker started \(pid (\d+)\)/, 10_000, workerMark)

  start!.kill('SIGTERM')
  const code = await new Promise<number | null>((r) => start!.once('exit', r))
  expect(code).toBe(0)
  await expect(fetch(`${base}/api/health`)).rejects.toThrow()
})
