// Load generator for `npm run bench:ingest`, run in its own process so it does not share an event loop
// with the server under test. Sends `--requests` POSTs over `--concurrency` keep-alive connections,
// each a new deployment, and prints one JSON line: { sent, ok, errors, errorSamples, ms, latencies }.
// Usage: tsx bench/ingest/load.ts --url http://127.0.0.1:3900 --token pls_... --prefix app-1 [--requests 20000]
//        [--concurrency 50] [--services 10] [--commits 3] [--offset 0]
import http from 'node:http'
import { parseArgs } from 'node:util'
import { deploymentBody } from './payload'

export type LoadResult = {
  sent: number
  ok: number
  errors: number
  errorSamples: string[]
  ms: number
  p50: number
  p90: number
  p99: number
  max: number
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    prefix: { type: 'string' },
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '50' },
    services: { type: 'string', default: '10' },
    commits: { type: 'string', default: '3' },
    offset: { type: 'string', default: '0' },
  },
})

if (!values.url || !values.token || !values.prefix) {
  console.error('--url, --token and --prefix are required')
  process.exit(2)
}

const target = new URL('/api/v1/deployments', values.url)
const requests = Number(values.requests)
const concurrency = Number(values.concurrency)
const offset = Number(values.offset)
const payload = { prefix: values.prefix, services: Number(values.services), commits: Number(values.commits) }
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency })
const auth = `Bearer ${values.token}`

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      target,
      { method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', (err) => resolve({ status: 0, text: err.message }))
      },
    )
    req.on('error', (err) => resolve({ status: 0, text: err.message }))
    req.end(body)
  })
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function main() {
  const latencies = new Float64Array(requests)
  const errorSamples: string[] = []
  let next = 0
  let errors = 0
  const started = performance.now()
  async function worker() {
    for (;;) {
      const i = next++
      if (i >= requests) return
      const body = deploymentBody(offset + i, payload)
      const t0 = performance.now()
      const res = await post(body)
      latencies[i] = performance.now() - t0
      if (res.status !== 201) {
        errors++
        if (errorSamples.length < 5) errorSamples.push(`${res.status} ${res.text.slice(0, 300)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const ms = performance.now() - started
  agent.destroy()
  const sorted = latencies.slice().sort()
  const result: LoadResult = {
    sent: requests,
    ok: requests - errors,
    errors,
    errorSamples,
    ms,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  }
  console.log(JSON.stringify(result))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
