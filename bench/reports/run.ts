// Quarterly report of the whole organisation on the metrics benchmark's data (1M deployments):
//
//   tsx bench/metrics/load-data.ts --deployments 1000000 --keep-db      # prints the database's URL
//   DATABASE_URL=<that url> tsx bench/reports/run.ts [--runs 3] [--year 2026 --quarter 3]
//
// Times, per run: the report's figures (every query of lib/reports/get-quarterly-report.ts), then each
// format rendered, hashed and stored as GET /api/v1/reports/quarterly does. Target: under 10 s for the
// org PDF, figures included (issue 8).
//
//   tsx bench/reports/run.ts --smoke     npm test's short form: loads 2,000 deployments into a database of its
//                                        own (dropped afterwards), one run; the 10 s target is not enforced there
import { parseArgs } from 'node:util'
import { pool } from '@/lib/db'
import { generateReport } from '@/lib/reports/generate-report'
import { getQuarterlyReport } from '@/lib/reports/get-quarterly-report'
import { quarterPeriod } from '@/lib/reports/period'
import { resolveReportScope } from '@/lib/reports/resolve-report-scope'
import type { ReportFormat } from '@/lib/validation/reports'
import { SMOKE, dbUrl } from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { DEFAULT_LOAD, createBenchDatabase, dropBenchDatabase, loadMetricsData } from '../metrics/load-data'

const TARGET_MS = 10_000

async function main() {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, runs: { type: 'string', default: SMOKE ? '1' : '3' }, year: { type: 'string', default: '2026' }, quarter: { type: 'string', default: '3' } } })
  if (SMOKE) {
    smokeDatabase = await createBenchDatabase(log)
    const url = dbUrl(smokeDatabase)
    await loadMetricsData(url, { ...DEFAULT_LOAD, deployments: 2_000, changes: 10_000, incidents: 40, services: 5, teams: 2, log: () => undefined })
    process.env.DATABASE_URL = url // before the first query: the app's pool reads it then
  } else if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the database bench/metrics/load-data.ts --keep-db loaded')
  const period = quarterPeriod(Number(values.year), Number(values.quarter), 'UTC')
  const scope = await resolveReportScope({})
  const { rows } = await pool().query<{ n: number }>('SELECT count(*)::int AS n FROM deployment')
  console.log(`org report ${period.label}: ${scope.services.length} services, ${rows[0]!.n} deployments in the database`)
  const req = { scope, period, tz: 'UTC', benchmark: 'dora-2023' as const }
  const results: Record<string, number[]> = { figures: [], pdf: [], csv: [], json: [] }
  for (let i = 0; i < Number(values.runs); i++) {
    let t = performance.now()
    const report = await getQuarterlyReport(req)
    results.figures!.push(performance.now() - t)
    for (const format of ['pdf', 'csv', 'json'] as ReportFormat[]) {
      t = performance.now()
      const r = await generateReport(req, { format, paper: 'a4', source: 'api', params: { bench: true, format } })
      r.stream.resume()
      const stored = await r.stored
      results[format]!.push(performance.now() - t)
      if (i === 0) console.log(`  ${format}: ${(stored.byteSize / 1024).toFixed(0)} KiB, sha256 ${stored.sha256.slice(0, 16)}…`)
    }
    if (i === 0) console.log(`  headline deployments ${report.api.metrics.deploymentFrequency.sampleSize}, ${report.services.length} service rows, ${report.incidents.length} worst incidents`)
  }
  const fmt = (xs: number[]) => `${xs.map((x) => (x / 1000).toFixed(2)).join(' / ')} s (median ${(median(xs) / 1000).toFixed(2)} s)`
  for (const [name, xs] of Object.entries(results)) console.log(`${name.padEnd(8)} ${fmt(xs)}`)
  const pdf = median(results.pdf!)
  console.log(`org PDF end to end: ${(pdf / 1000).toFixed(2)} s against the ${TARGET_MS / 1000} s target: ${pdf < TARGET_MS ? 'met' : 'NOT met'}`)
  printFigures('reports', Object.fromEntries(Object.entries(results).map(([name, xs]) => [`${name}MedianMs`, median(xs)])))
  await pool().end()
}

const log = (m: string) => console.error(`[bench:reports] ${m}`)
let smokeDatabase: string | undefined

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

main()
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => smokeDatabase && dropBenchDatabase(smokeDatabase))
