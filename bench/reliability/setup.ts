// Databases, fixtures and processes of the reliability harness: a migrated template database per
// PostgreSQL server (cloned per test), a team with an API token and GitHub/GitLab connections, the built
// app (`next start`) and the job worker as killable process groups.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { generateApiToken } from '@/lib/auth/api-token'
import { sealSecret } from '@/lib/crypto/secret-box'
import { insertApiToken } from '@/lib/queries/create-api-token'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { insertGitlabConnection, mapGitlabProject } from '@/lib/queries/gitlab-connections'
import { withClient } from '@/lib/db'
import { BIN, ROOT, dbUrl, run, startApp, waitHealthy, type Server } from '../shared/app-server'

export const RUN_ID = randomBytes(3).toString('hex')
export const log = (m: string) => console.error(`[reliability] ${new Date().toISOString().slice(11, 19)} ${m}`)
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export type AppBuild = { buildDir: string; dist: string; logDir: string }
export type Fixtures = { url: string; token: string; key: string; githubSecret: string; gitlabToken: string; teamId: number }

// one connection for one step of a test (to the test's database or a server's `postgres`)
export const admin = withClient

const templates = new Map<string, Promise<string>>()

// One migrated database per server (prisma migrate deploy takes seconds); tests clone it.
function template(adminUrl: string): Promise<string> {
  let t = templates.get(adminUrl)
  if (!t) {
    t = (async () => {
      const name = `plimsoll_rel_${RUN_ID}_tpl`
      await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`))
      await run(path.join(BIN, 'prisma'), ['migrate', 'deploy'], { DATABASE_URL: dbUrl(name, adminUrl), CHECKPOINT_DISABLE: '1' })
      return name
    })()
    templates.set(adminUrl, t)
  }
  return t
}

const created: { adminUrl: string; name: string }[] = []

// A fresh database of its own for one test, with the team, token and connections every test uses.
export async function createFixtures(adminUrl: string, test: string): Promise<Fixtures> {
  const tpl = await template(adminUrl)
  const name = `plimsoll_rel_${RUN_ID}_${test.replace(/[^a-z0-9]/g, '_')}`
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`))
  created.push({ adminUrl, name })
  const url = dbUrl(name, adminUrl)
  const key = randomBytes(32).toString('base64')
  const githubSecret = randomBytes(16).toString('hex')
  const gitlabToken = randomBytes(16).toString('hex')
  const token = generateApiToken()
  const teamId = await admin(url, async (c) => {
    const { rows: [team] } = await c.query<{ id: number }>("INSERT INTO team (slug, name) VALUES ('rel', 'Reliability') RETURNING id")
    await insertApiToken(c, { teamId: team!.id, name: 'reliability', prefix: token.prefix, hash: token.hash })
    const {
      rows: [service],
    } = await c.query<{ id: number }>("INSERT INTO service (team_id, slug, name) VALUES ($1, 'hello', 'Hello') RETURNING id", [team!.id])
    const github = await insertGithubConnection(c, { teamId: team!.id, name: 'rel', webhookSecretEnc: sealSecret(githubSecret, Buffer.from(key, 'base64')) })
    await mapGithubRepository(c, { connectionId: github, fullName: 'Codertocat/Hello-World', serviceId: service!.id })
    const gitlab = await insertGitlabConnection(c, { teamId: team!.id, name: 'rel', webhookTokenEnc: sealSecret(gitlabToken, Buffer.from(key, 'base64')) })
    // the projects of lib/gitlab/fixtures, so their events (and the fuzz test's mutations of them) have an effect
    for (const p of ['root/test-deployment-webhooks', 'gitlabhq/gitlab-test'])
      await mapGitlabProject(c, { connectionId: gitlab, path: p, serviceId: service!.id })
    return team!.id
  })
  return { url, token: token.token, key, githubSecret, gitlabToken, teamId }
}

export async function dropAll(keep: boolean) {
  const byServer = new Map<string, string[]>()
  for (const { adminUrl, name } of created) byServer.set(adminUrl, [...(byServer.get(adminUrl) ?? []), name])
  for (const [adminUrl, tpl] of templates) byServer.set(adminUrl, [...(byServer.get(adminUrl) ?? []), await tpl.catch(() => '')].filter(Boolean))
  if (keep) return log(`kept databases: ${[...byServer.values()].flat().join(', ')}`)
  for (const [adminUrl, names] of byServer) {
    for (const name of names) await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined)
  }
}

// Every process the harness started, stopped at the end whatever happens.
const processes = new Set<ChildProcess>()

export function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    try {
      process.kill(-child.pid, signal)
    } catch {
      resolve()
    }
  })
}

export async function stopAll() {
  await Promise.all([...processes].map((p) => killGroup(p, 'SIGKILL')))
}

export type App = { server: Server; start: () => Promise<void>; kill: () => Promise<void>; pid: () => number | undefined }

// The built app on `port`; kill() is SIGKILL to its process group, start() starts it again and waits
// for /api/health.
export function app(build: AppBuild, port: number, env: Record<string, string>, name = `app-${port}`): App {
  let server: Server | undefined
  const a: App = {
    get server() {
      return server!
    },
    start: async () => {
      server = startApp({
        buildDir: build.buildDir,
        dist: build.dist,
        port,
        logFile: path.join(build.logDir, `${name}.log`),
        env: { LOG_LEVEL: 'warn', ...env },
      })
      processes.add(server.child)
      server.child.once('exit', () => processes.delete(server!.child))
      await waitHealthy(server, 90_000)
    },
    kill: async () => killGroup(server?.child),
    pid: () => server?.child.pid,
  }
  return a
}

// The per-token ingest rate limit (10/s after a burst of 600) would turn every load test into a test of
// the limiter: off, except where the hostile-input test checks it (extra: { PLIMSOLL_RATE_LIMITS: 'on' }).
export function fixturesEnv(f: Fixtures, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: f.url, PLIMSOLL_SECRET_KEY: f.key, PLIMSOLL_RATE_LIMITS: 'off', PLIMSOLL_BENCH: '1', ...extra }
}

export type WorkerProcess = { start: () => void; kill: () => Promise<void>; stop: () => Promise<void> }

export function worker(f: Fixtures, logDir: string, name = 'worker'): WorkerProcess {
  let child: ChildProcess | undefined
  return {
    start: () => {
      const out = fs.openSync(path.join(logDir, `${name}.log`), 'a')
      child = spawn(path.join(BIN, 'tsx'), ['scripts/worker.ts'], {
        cwd: ROOT, env: { ...process.env, ...fixturesEnv(f), LOG_LEVEL: 'warn' }, stdio: ['ignore', out, out], detached: true,
      })
      fs.closeSync(out)
      processes.add(child)
      const c = child
      c.once('exit', () => processes.delete(c))
    },
    kill: () => killGroup(child),
    stop: () => killGroup(child, 'SIGTERM'),
  }
}

export async function scalar(url: string, query: string, params: unknown[] = []): Promise<number> {
  return admin(url, async (c) => Number(Object.values((await c.query(query, params)).rows[0] ?? { n: 0 })[0] ?? 0))
}

// Waits until the worker left no GitHub/GitLab delivery pending (or the time is up); returns how many are.
export async function waitDeliveriesDone(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs
  let pending = Infinity
  while (Date.now() < deadline) {
    pending = await scalar(url, "SELECT count(*)::int FROM webhook_delivery WHERE state = 'pending'").catch(() => Infinity)
    if (pending === 0) return 0
    await sleep(1000)
  }
  return pending
}

/** VmRSS (MiB) of every process in a process group, summed (Linux /proc). */
export function groupRssMiB(pgid: number | undefined): number {
  if (!pgid) return 0
  let kb = 0
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))
      kb += Number(m?.[1] ?? 0)
    } catch {
      // exited
    }
  }
  return kb / 1024
}
