// Helpers shared by benchmarks that run the built app: database URLs, child processes, the snapshot
// build (`next build` with NEXT_DIST_DIR in a copy of the working tree) and `next start` lifecycle.
// Used by every benchmark that starts the built app (bench/ingest, bench/metrics, bench/ui, bench/webhooks).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const ROOT = process.cwd()
export const BIN = path.join(ROOT, 'node_modules', '.bin')
export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export function dbUrl(name: string, base = ADMIN_URL): string {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}

export function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}\n${err || out}`))))
  })
}

// Everything but these is copied into the snapshot (bench/ and tests are not part of the app).
const SKIP = new Set(['node_modules', '.git', '.data', 'bench', 'e2e', 'test-results', 'playwright-report', 'tsconfig.tsbuildinfo'])
const skipped = (name: string) => SKIP.has(name) || name.startsWith('.next') || name.startsWith('.env')

export function sourceHash(root = ROOT): string {
  const h = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (skipped(entry.name)) continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) {
        const body = fs.readFileSync(full)
        h.update(`${path.relative(root, full)}:${body.length}:${createHash('sha1').update(body).digest('hex')}\n`)
      }
    }
  }
  walk(root)
  return h.digest('hex')
}

// --smoke: the short form npm test runs (scripts/bench-smoke.ts). --build-dir/--dist: a build made
// elsewhere (npm test's own `next build`: . and .next), served as it is instead of building a snapshot.
export const SMOKE = process.argv.includes('--smoke')
export const buildArgs = { 'build-dir': { type: 'string' }, dist: { type: 'string' }, smoke: { type: 'boolean', default: false } } as const
export function appBuild(values: { 'build-dir'?: string; dist?: string }, snapshotDir: string): { buildDir: string; dist: string; prebuilt: boolean } {
  if (values['build-dir']) return { buildDir: path.resolve(values['build-dir']), dist: values.dist ?? '.next', prebuilt: true }
  return { buildDir: snapshotDir, dist: '.next-bench', prebuilt: false }
}

/**
 * Builds the app from a snapshot of the working tree in `buildDir` (node_modules hard-linked), so
 * `next build` neither rewrites tsconfig.json/next-env.d.ts here nor type-checks other people's
 * unfinished files outside app/, lib/, components/. Skipped when the sources did not change.
 */
export async function buildAppSnapshot(opts: { buildDir: string; dist: string; rebuild?: boolean; source?: 'worktree' | 'head'; nice?: boolean; log: (m: string) => void }) {
  const { buildDir, dist, log } = opts
  const fromHead = opts.source === 'head'
  const hash = fromHead ? `head:${execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim()}` : sourceHash()
  const stamp = path.join(buildDir, dist, 'bench-source-hash')
  if (!opts.rebuild && fs.existsSync(path.join(buildDir, dist, 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    log(`app build in ${buildDir}/${dist} is up to date`)
    return
  }
  log(`building the app into ${buildDir}/${dist} (snapshot of ${fromHead ? `the commit ${hash.slice(5, 12)}` : 'the working tree'})`)
  fs.mkdirSync(buildDir, { recursive: true })
  for (const entry of fs.readdirSync(buildDir)) if (entry !== dist) fs.rmSync(path.join(buildDir, entry), { recursive: true, force: true })
  if (fromHead) {
    // only what is committed: other people's half-written files cannot break the build
    execFileSync('sh', ['-c', `git archive --format=tar HEAD | tar -x -C '${buildDir}'`], { cwd: ROOT })
    for (const entry of fs.readdirSync(buildDir)) if (entry !== dist && skipped(entry)) fs.rmSync(path.join(buildDir, entry), { recursive: true, force: true })
  } else {
    for (const entry of fs.readdirSync(ROOT)) {
      if (!skipped(entry)) fs.cpSync(path.join(ROOT, entry), path.join(buildDir, entry), { recursive: true, filter: (src) => !skipped(path.basename(src)) })
    }
  }
  // Turbopack refuses a node_modules symlink that leaves the project root: hard-link the files instead.
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(buildDir, 'node_modules')])
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'))
  tsconfig.include = ['next-env.d.ts', 'app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts', 'components/**/*.ts', 'components/**/*.tsx', `${dist}/types/**/*.ts`, `${dist}/dev/types/**/*.ts`]
  tsconfig.exclude = [...(tsconfig.exclude ?? []), '**/*.test.ts', '**/*.test.tsx']
  fs.writeFileSync(path.join(buildDir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n')
  const started = Date.now()
  const next = path.join(buildDir, 'node_modules', '.bin', 'next')
  // --nice: lowest CPU priority, to build while someone else's measurement runs on the same cores
  await run(opts.nice ? 'nice' : next, opts.nice ? ['-n', '19', next, 'build'] : ['build'], { NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: '1' }, buildDir)
  fs.writeFileSync(stamp, hash)
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

export type Server = { child: ChildProcess; port: number; logFile: string }

// Benchmarks measure the ingest path itself, not the per-token request limits (lib/http/request-limits.ts).
// Switching them off needs PLIMSOLL_BENCH=1 beside it: without, the web server refuses to start
// (lib/auth/auth-env.ts), so a real install cannot inherit the setting by accident.
export const UNLIMITED_INGEST = { PLIMSOLL_RATE_LIMITS: 'off', PLIMSOLL_BENCH: '1' } as const

/**
 * The snapshot build served the way npm start serves it (scripts/web-server.ts: Next.js, with GitHub's
 * webhooks handled before it), or with `server: 'next'` by plain `next start`, in its own process group
 * (so stopping it stops what it forked).
 */
// nodeArgs: options for node itself, e.g. --cpu-prof (which NODE_OPTIONS refuses)
export function startApp(opts: { buildDir: string; dist: string; port: number; logFile: string; env: Record<string, string | undefined>; nodeArgs?: string[]; server?: 'web' | 'next' }): Server {
  const out = fs.openSync(opts.logFile, 'a')
  const listen = ['-p', String(opts.port), '-H', '127.0.0.1']
  const entry = opts.server === 'next'
    ? [path.join(opts.buildDir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', ...listen]
    : ['--import', 'tsx', path.join(opts.buildDir, 'scripts', 'web-server.ts'), ...listen]
  const [command, args] = [process.execPath, [...(opts.nodeArgs ?? []), ...entry]]
  const child = spawn(command, args, {
    cwd: opts.buildDir,
    // a key of the run's own unless the bench seals secrets with one it chose (the server refuses to start without)
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', NEXT_DIST_DIR: opts.dist, ...UNLIMITED_INGEST, PLIMSOLL_SECRET_KEY: randomBytes(32).toString('base64'), ...opts.env },
    stdio: ['ignore', out, out],
    detached: true,
  })
  fs.closeSync(out)
  return { child, port: opts.port, logFile: opts.logFile }
}

export async function waitHealthy(server: Server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) break
    const ok = await fetch(`http://127.0.0.1:${server.port}/api/health`).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the app did not become healthy; log:\n${fs.readFileSync(server.logFile, 'utf8').slice(-3000)}`)
}

export function stopServer(server: Server | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const child = server?.child
    if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve()
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {}
    }, 5_000)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    try {
      process.kill(-child.pid, 'SIGTERM') // its own process group: `next start` and anything it forked
    } catch {
      clearTimeout(timer)
      resolve()
    }
  })
}

/** p-th percentile by nearest rank of already measured latencies (ms). */
export function latencyStats(ms: number[]): { n: number; p50: number; p95: number; max: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b)
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN
  return { n: s.length, p50: rank(50), p95: rank(95), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) }
}

/** Runs a benchmark and its clean-up exactly once, also on Ctrl-C or SIGTERM (then exit 130). */
export function runBench(main: () => Promise<void>, cleanUp: () => Promise<void>, log: (m: string) => void): void {
  let cleaning: Promise<void> | undefined
  const once = () => (cleaning ??= cleanUp())
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`)
      void once().finally(() => process.exit(130))
    })
  }
  main()
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.stack ?? err.message : err)
      process.exitCode = 1
    })
    .finally(() => once())
}
