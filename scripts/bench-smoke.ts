// npm test's benchmark step: every bench under bench/ in its short form (--smoke: seconds, small data),
// one after another, on the build npm test just made (. and .next). A bench fails the step when it exits
// non-zero (each does on any answer it counts as an error: a non-2xx, a delivery not processed) or when
// one of its figures is missing or not a finite number. The reliability short form is a step of its own.
//   tsx scripts/bench-smoke.ts [--only ingest,metrics] [--base-port 3940] [--build-dir . --dist .next]
import { spawn } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { withClient } from '@/lib/db'
import { figureProblems } from '../bench/shared/figures'
import { createBenchDatabase, dropBenchDatabase } from '../bench/metrics/load-data'

type Smoke = { bench: string; script: string; args: (port: number) => string[]; figures: string[]; app?: true; database: boolean }

export const SMOKES: Smoke[] = [
  { bench: 'compliance', script: 'bench/compliance/run.ts', args: () => [], database: false,
    figures: ['plainMedianMs', 'plainWorstRssGrowthMiB', 'plainDefaultScore', 'gzipMedianMs', 'gzipWorstRssGrowthMiB', 'gzipDefaultScore'] },
  { bench: 'ingest', script: 'bench/ingest/run.ts', args: (p) => ['--app-port', String(p), '--bare-port', String(p + 1)], app: true, database: true,
    figures: ['appPerSecond', 'appMaxP99Ms', 'barePerSecond', 'bareMaxP99Ms', 'appToBareRatio'] },
  { bench: 'metrics', script: 'bench/metrics/run.ts', args: (p) => ['--port', String(p)], app: true, database: true,
    figures: ['apiOrgP50Ms', 'apiOrgP95Ms', 'apiServiceP50Ms', 'apiServiceP95Ms', 'apiStrategiesOrgP50Ms', 'apiStrategiesOrgP95Ms', 'handWrittenOrgP50Ms',
      'handWrittenServiceP50Ms', 'loadSeconds'] },
  { bench: 'ui', script: 'bench/ui/overview-charts.ts', args: (p) => ['--port', String(p)], app: true, database: true,
    figures: ['chartsVisibleP50Ms', 'chartsVisibleP95Ms', 'chartsVisibleMaxMs', 'teamsVisibleP95Ms', 'leadTimePageVisibleP95Ms'] },
  { bench: 'webhooks', script: 'bench/webhooks/run.ts', args: (p) => ['--port', String(p)], app: true, database: true,
    figures: ['acknowledgedPerSecond', 'ackP50Ms', 'ackP95Ms', 'appCpuMsPerDelivery', 'processedPerSecond'] },
  { bench: 'probes', script: 'bench/probes/run.ts', args: () => [], database: true, figures: ['probes', 'lagP50Ms', 'lagP99Ms', 'lagMaxMs'] },
  { bench: 'reports', script: 'bench/reports/run.ts', args: () => [], database: true,
    figures: ['figuresMedianMs', 'pdfMedianMs', 'csvMedianMs', 'jsonMedianMs'] },  // npm start's demo load, on PostgreSQL and PGlite: fails when the best run takes over 5 s (issue 19)
  { bench: 'demo', script: 'bench/demo/run.ts', args: () => [], database: true,
    figures: ['pgBestSeconds', 'pgMedianSeconds', 'pgCpuSeconds', 'pgPathCpuSeconds', 'pgliteBestSeconds', 'pgliteMedianSeconds', 'pgliteCpuSeconds',
      'pglitePathCpuSeconds'] },
]

function runSmoke(s: Smoke, port: number, build: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  const args = [s.script, '--smoke', ...(s.app ? build : []), ...s.args(port)]
  return new Promise((resolve) => {
    const child = spawn(path.join('node_modules', '.bin', 'tsx'), args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c
      process.stdout.write(c)
    })
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout }))
  })
}

async function main() {
  const { values } = parseArgs({ options: { only: { type: 'string' }, 'base-port': { type: 'string', default: '3940' }, 'build-dir': { type: 'string', default: '.' }, dist: { type: 'string', default: '.next' } } })
  const only = values.only?.split(',')
  const unknown = only?.filter((b) => !SMOKES.some((s) => s.bench === b)) ?? []
  if (unknown.length) throw new Error(`unknown bench(es): ${unknown.join(', ')} (known: ${SMOKES.map((s) => s.bench).join(', ')})`)
  // npm test without DATABASE_URL runs on the embedded PGlite, one database: the benches make their own
  const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  const server = await withClient(url, (c) => c.query<{ v: string }>('SELECT version() AS v')).then((r) => r.rows[0]!.v, (err: Error) => `unreachable: ${err.message}`)
  const ownDatabases = /^PostgreSQL/.test(server) && !/PGlite/i.test(server)
  const build = ['--build-dir', values['build-dir'], '--dist', values.dist]
  const problems: string[] = []
  const times: string[] = []
  const selected = SMOKES.filter((s) => !only || only.includes(s.bench))
  // the migrations once, copied by each bench that makes a database (prisma migrate deploy costs seconds per run)
  const template = ownDatabases && selected.some((s) => s.database) ? await createBenchDatabase((m) => console.log(`[bench-smoke] ${m}`)) : undefined
  const env = template ? { ...process.env, BENCH_TEMPLATE_DB: template } : process.env
  try {
    await runAll(selected, { ownDatabases, server, build, env, basePort: Number(values['base-port']), problems, times })
  } finally {
    if (template) await dropBenchDatabase(template)
  }
  console.log(`[bench-smoke] ${times.join(', ') || 'nothing run'}`)
  if (problems.length) {
    console.error(`[bench-smoke] FAILED:\n  ${problems.join('\n  ')}`)
    process.exitCode = 1
  }
}

type Run = { ownDatabases: boolean; server: string; build: string[]; env: NodeJS.ProcessEnv; basePort: number; problems: string[]; times: string[] }

async function runAll(selected: Smoke[], { ownDatabases, server, build, env, basePort, problems, times }: Run) {
  for (const s of selected) {
    if (s.database && !ownDatabases) {
      console.log(`[bench-smoke] ${s.bench}: skipped, it needs a PostgreSQL server at DATABASE_URL to create databases on (${server.slice(0, 60)})`)
      continue
    }
    console.log(`[bench-smoke] ▶ ${s.bench}`)
    const started = Date.now()
    const { code, stdout } = await runSmoke(s, basePort + 2 * SMOKES.indexOf(s), build, env)
    const found = [...(code === 0 ? [] : [`${s.bench} exited ${code}`]), ...figureProblems(stdout, s.bench, s.figures)]
    times.push(`${s.bench} ${((Date.now() - started) / 1000).toFixed(0)} s`)
    console.log(`[bench-smoke] ${found.length ? '✘' : '✔'} ${s.bench} (${times.at(-1)})${found.length ? `: ${found.join('; ')}` : ''}`)
    problems.push(...found)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
}
