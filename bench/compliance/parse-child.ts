import fs from 'node:fs'
import { parseScanStream } from '@/lib/compliance/parse-scan'

// One parse of one file in a fresh process: RSS before, peak RSS (getrusage maxrss) after, wall time.
const [file, gzip] = [process.argv[2]!, process.argv[3] === 'gzip']
global.gc?.()
const before = process.memoryUsage().rss
const started = performance.now()
const body = await parseScanStream(fs.createReadStream(file, { highWaterMark: 64 * 1024 }), { gzip })
const ms = performance.now() - started
const peak = process.resourceUsage().maxRSS * 1024
const scan = body.scan
console.log(JSON.stringify({
  file, bytes: body.bytes, ms: Math.round(ms), rssBeforeMiB: +(before / 2 ** 20).toFixed(1), peakRssMiB: +(peak / 2 ** 20).toFixed(1),
  growthMiB: +((peak - before) / 2 ** 20).toFixed(1), kind: scan.kind, default: scan.kind === 'config' ? scan.summary.scores.default.score : null,
}))
