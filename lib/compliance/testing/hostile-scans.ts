import { gzipSync } from 'node:zlib'
import { SCAN_JSON_LIMITS, SCAN_XML_LIMITS } from '@/lib/compliance/scan-limits'

// The scan uploads of issue 18 that stopped or froze the server, at the sizes reported there, plus one
// past each other limit. Shared by the unit tests (lib/compliance/scan-limits.test.ts) and the
// reliability bench (bench/reliability/hostile-scans.ts). `refusal` is what the 4xx must say.
export type HostileScan = { name: string; body: () => Buffer; gzip: boolean; refusal: RegExp }

const MiB = 1024 * 1024
const XCCDF = 'xmlns="http://checklists.nist.gov/xccdf/1.2"'

// `{"matches":[0,0,...]}` of about `bytes` bytes
function zeros(bytes: number): Buffer {
  const n = Math.floor((bytes - 14) / 2)
  const body = Buffer.alloc(14 + n * 2, '0,')
  body.write('{"matches":[0', 0)
  body.write(']}', body.length - 2)
  return body
}

function nestedGroups(depth: number): Buffer {
  const open = `<Group id="g">`.repeat(depth)
  const close = `</Group>`.repeat(depth)
  return Buffer.from(`<?xml version="1.0"?><Benchmark ${XCCDF} id="b">${open}<Rule id="r"/>${close}</Benchmark>`)
}

const items = (n: number, item: string) => Buffer.from(`{"matches":[${Array.from({ length: n }, () => item).join(',')}]}`)

export const hostileScans: HostileScan[] = [
  { name: 'a 97 KB gzip of {"matches":[0,...]} (95 MiB)', body: () => gzipSync(zeros(95 * MiB)), gzip: true, refusal: /matches: must have at most/ },
  { name: 'a 10 KB gzip of {"matches":[0,...]} (10 MiB)', body: () => gzipSync(zeros(10 * MiB)), gzip: true, refusal: /matches: must have at most/ },
  { name: `${SCAN_JSON_LIMITS.maxItems} invalid matches`, body: () => items(SCAN_JSON_LIMITS.maxItems, '{}'), gzip: false, refusal: /checking stopped after 19 problems/ },
  { name: '100,000 nested arrays in a Grype report', body: () => Buffer.from(`{"matches":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), gzip: false, refusal: /nests deeper than/ },
  { name: '20 MiB of leading spaces (20 KB gzip)', body: () => gzipSync(Buffer.concat([Buffer.alloc(20 * MiB, ' '), Buffer.from('{"hello":"world"}')])), gzip: true, refusal: /unknown shape/ },
  { name: '50,000 nested <Group>s (1.3 MB)', body: () => nestedGroups(50_000), gzip: false, refusal: /deeper than 256 levels/ },
  { name: '5,000 nested <Group>s', body: () => nestedGroups(5_000), gzip: false, refusal: /deeper than 256 levels/ },
  {
    name: `${SCAN_XML_LIMITS.maxElements + 1} elements (gzip)`,
    body: () => gzipSync(Buffer.from(`<Benchmark ${XCCDF} id="b">${'<x/>'.repeat(SCAN_XML_LIMITS.maxElements)}</Benchmark>`)),
    gzip: true,
    refusal: /more than 500000 elements/,
  },
]
