// bench/compliance: parse a 30 MiB OpenSCAP ARF (plain and gzipped) and a 50 MiB `trivy k8s` JSON the way
// POST /api/v1/scans does, each in a fresh process, and print the peak RSS growth (targets < 150 MiB for
// the ARF, < 200 MiB for the Trivy report, issue 23) and the time.
//   npm run bench:compliance            (MIB=30, K8S_MIB=50 by default; RUNS=3)
//   npm run bench:compliance -- --smoke (npm test's short form: a 2 MiB ARF and Trivy report, one run each)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { BIN, SMOKE, run } from '../shared/app-server'
import { printFigures } from '../shared/figures'
import { makeLargeArf } from './make-arf'
import { makeLargeTrivyK8s } from './make-trivy-k8s'

const MIB = Number(process.env.MIB ?? (SMOKE ? 2 : 30))
const RUNS = Number(process.env.RUNS ?? (SMOKE ? 1 : 3))
const TARGET_MIB = 150
const K8S_MIB = Number(process.env.K8S_MIB ?? (SMOKE ? 2 : 50))
const K8S_TARGET_MIB = 200

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plimsoll-arf-'))
  try {
    const plain = path.join(dir, 'arf.xml')
    makeLargeArf(plain, MIB * 2 ** 20)
    const gz = `${plain}.gz`
    fs.writeFileSync(gz, gzipSync(fs.readFileSync(plain)))
    console.log(`ARF ${(fs.statSync(plain).size / 2 ** 20).toFixed(1)} MiB (gzip ${(fs.statSync(gz).size / 2 ** 20).toFixed(1)} MiB), ${RUNS} runs each, fresh process per run`)
    const figures: Record<string, number> = {}
    for (const [label, file, mode] of [['plain', plain, ''], ['gzip', gz, 'gzip']] as const) {
      const results = []
      for (let i = 0; i < RUNS; i++) results.push(JSON.parse(await run(path.join(BIN, 'tsx'), ['bench/compliance/parse-child.ts', file, mode])))
      const worst = Math.max(...results.map((r) => r.growthMiB))
      const ms = results.map((r) => r.ms).sort((a, b) => a - b)[results.length >> 1]
      console.log(`${label.padEnd(5)} median ${ms} ms · peak RSS growth ${results.map((r) => r.growthMiB).join(' / ')} MiB (worst ${worst}, target < ${TARGET_MIB}: ${worst < TARGET_MIB ? 'met' : 'MISSED'}) · default score ${results[0].default}`)
      Object.assign(figures, { [`${label}MedianMs`]: ms, [`${label}WorstRssGrowthMiB`]: worst, [`${label}DefaultScore`]: Number(results[0].default) })
    }
    const k8s = path.join(dir, 'trivy-k8s.json')
    makeLargeTrivyK8s(k8s, K8S_MIB * 2 ** 20)
    const results = []
    for (let i = 0; i < RUNS; i++) results.push(JSON.parse(await run(path.join(BIN, 'tsx'), ['bench/compliance/parse-child.ts', k8s, ''])))
    const worst = Math.max(...results.map((r) => r.growthMiB))
    const ms = results.map((r) => r.ms).sort((a, b) => a - b)[results.length >> 1]
    console.log(`trivy k8s ${(fs.statSync(k8s).size / 2 ** 20).toFixed(1)} MiB: median ${ms} ms · peak RSS growth ${results.map((r) => r.growthMiB).join(' / ')} MiB `
      + `(worst ${worst}, target < ${K8S_TARGET_MIB}: ${worst < K8S_TARGET_MIB ? 'met' : 'MISSED'}) · ${results[0].kind}`)
    Object.assign(figures, { trivyK8sMedianMs: ms, trivyK8sWorstRssGrowthMiB: worst })
    printFigures('compliance', figures)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
