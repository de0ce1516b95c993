import fs from 'node:fs'
import { gunzipSync } from 'node:zlib'

// A large ARF from the real one in lib/compliance/fixtures (oscap 1.3.7, SSG 0.1.65, 8 MiB): its OVAL
// result reports are repeated (with fresh ids) until the file reaches `bytes`, as a RHEL 9 data stream's
// ARF reaches 30 MB. The XCCDF TestResult and Benchmark stay the real ones, so scores are unchanged.
export function makeLargeArf(file: string, bytes: number): void {
  const arf = gunzipSync(fs.readFileSync('lib/compliance/fixtures/openscap/standard-deb12/arf.xml.gz')).toString('utf8')
  const start = arf.indexOf('<arf:report id="oval0">')
  const end = arf.indexOf('</arf:reports>')
  if (start < 0 || end < 0) throw new Error('unexpected ARF layout')
  const ovalReports = arf.slice(start, end)
  const out = fs.openSync(file, 'w')
  fs.writeSync(out, arf.slice(0, end))
  let size = end
  for (let copy = 1; size < bytes; copy++) {
    const block = ovalReports.replace(/<arf:report id="oval(\d+)">/g, (_m, n) => `<arf:report id="oval${n}-copy${copy}">`)
    fs.writeSync(out, block)
    size += Buffer.byteLength(block)
  }
  fs.writeSync(out, arf.slice(end))
  fs.closeSync(out)
}
