// npm test: the whole suite against a database of its own. With DATABASE_URL set, a new database on
// that server (dropped afterwards); without, an in-memory embedded PostgreSQL.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createTestDatabase } from '@/lib/testing/test-database'
import { ensureSystemPackages, realHost } from './system-packages'

const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name)

type Step = { name: string; cmd: string; args: string[] }
const steps: Step[] = [
  // import boundaries, line length and typescript-eslint's recommended rules (docs/linting.md); not type-aware, seconds
  { name: 'lint (eslint)', cmd: bin('eslint'), args: ['.'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'unit + integration (vitest)', cmd: bin('vitest'), args: ['run'] },
  { name: 'build (next)', cmd: bin('next'), args: ['build'] },
  // every bench under bench/ in its short form (--smoke), on the build above; fails on an error answer or a missing figure
  { name: 'benchmarks (smoke)', cmd: bin('tsx'), args: ['scripts/bench-smoke.ts'] },
  // docs/reliability.md: 1,000 events with one SIGKILL, one restart of a private PostgreSQL, a reduced fuzz (about 2 min)
  { name: 'reliability (short)', cmd: bin('tsx'), args: ['bench/reliability/run.ts', '--short', '--build-dir', '.', '--dist', '.next'] },
  { name: 'end-to-end (playwright, chromium)', cmd: bin('playwright'), args: ['test'] },
]

async function main() {
  // before any step: a missing tool fails here with the command to run, not half-way through the suite
  const packages = ensureSystemPackages(realHost())
  if (!packages.ok) {
    console.error(`[test] ${packages.message}`)
    process.exit(1)
  }
  const adminUrl = process.env.DATABASE_URL
  console.log(adminUrl ? `[test] using the PostgreSQL server at DATABASE_URL` : '[test] DATABASE_URL unset: using embedded PostgreSQL (PGlite)')
  const db = await createTestDatabase(adminUrl, 'test')
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' }
  // integration tests that need an empty database of their own create it on this server
  if (adminUrl) env.TEST_PG_ADMIN_URL = adminUrl
  let failed: string | undefined
  try {
    for (const step of steps) {
      const started = Date.now()
      console.log(`\n[test] ▶ ${step.name}`)
      const code = await run(step, env)
      console.log(`[test] ${code === 0 ? '✔' : '✘'} ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      if (code !== 0) {
        failed = step.name
        break
      }
    }
  } finally {
    await db.drop()
  }
  if (failed) {
    console.error(`\n[test] FAILED at: ${failed}`)
    process.exit(1)
  }
  console.log('\n[test] all steps passed')
}

function run(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { env, stdio: 'inherit' })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
