// Profiling aid: calls lib/ingest's ingestDeployments directly (no HTTP, no Next.js) with `--concurrency`
// requests in flight, to separate the cost of the ingest code + SQL from the cost of the framework.
// Usage: DATABASE_URL=<bench db> tsx bench/ingest/direct.ts --token pls_... [--requests 2000] [--concurrency 50]
import { parseArgs } from 'node:util'
import { pool } from '@/lib/db'
import { hashApiToken } from '@/lib/auth/api-token'
import { getTokenCaller } from '@/lib/queries/get-token-caller'
import { parseDeploymentRequest } from '@/lib/ingest/parse-deployment-request'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { deploymentBody } from './payload'

const { values } = parseArgs({
  options: {
    token: { type: 'string' },
    prefix: { type: 'string', default: `direct-${Date.now()}` },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '50' },
    commits: { type: 'string', default: '3' },
  },
})

async function main() {
  const requests = Number(values.requests)
  const payload = { prefix: values.prefix!, services: 10, commits: Number(values.commits) }
  let next = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  async function worker() {
    for (;;) {
      const i = next++
      if (i >= requests) return
      const raw = deploymentBody(i, payload)
      const receivedAt = new Date()
      const caller = await getTokenCaller(hashApiToken(values.token!))
      if (!caller) throw new Error('unknown token')
      const { inputs } = parseDeploymentRequest(JSON.parse(raw), receivedAt)
      await ingestDeployments(caller, inputs, { raw, receivedAt, kind: 'deployment' })
    }
  }
  await Promise.all(Array.from({ length: Number(values.concurrency) }, worker))
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  console.log(`${requests} ingests in ${ms.toFixed(0)} ms: ${((requests / ms) * 1000).toFixed(1)}/s, CPU ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} ms per ingest (user ${(cpu.user / 1000 / requests).toFixed(2)}, system ${(cpu.system / 1000 / requests).toFixed(2)})`)
  await pool().end()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
