import { parseScanInWorker } from '@/lib/compliance/parse-scan-in-worker'
import { hostileScans } from '@/lib/compliance/testing/hostile-scans'
import fs from 'node:fs'
async function* one(b: Buffer, size = 65536) { for (let i = 0; i < b.length; i += size) yield new Uint8Array(b.subarray(i, i + size)) }
const b = fs.readFileSync('lib/compliance/fixtures/scanners/trivy/npm.json')
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await parseScanInWorker(one(b), {}); console.log(r.scan.format, (performance.now() - t).toFixed(0), 'ms') }
const t = performance.now(); const s = await parseScanInWorker(one(fs.readFileSync('lib/compliance/fixtures/openscap/standard-deb12/arf.xml.gz')), { gzip: true }); console.log(s.scan.kind === 'config' && s.scan.summary.scores.default.score, s.scan.kind === 'config' && s.scan.report.rules.size, (performance.now() - t).toFixed(0), 'ms')
let ticks = 0, maxGap = 0, last = performance.now()
const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; ticks++ }, 10)
for (const h of hostileScans) {
  const body = h.body(); last = performance.now(); maxGap = 0
  const t = performance.now(); const e = await parseScanInWorker(one(body), { gzip: h.gzip }).catch((e) => e)
  console.log(h.name, (performance.now() - t).toFixed(0), 'ms', e.code, e.message.slice(0, 80), 'max event-loop gap', maxGap.toFixed(0))
}
await Promise.all([1,2,3,4].map(() => parseScanInWorker(one(b), {}))).then(r => console.log('4 at once', r.length))
clearInterval(iv)
