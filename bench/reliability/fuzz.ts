// Fuzz (issue 9's "Must show", issue 11's hostile input): `runs` fast-check bodies per ingest endpoint,
// each sent once. No answer may be a 5xx or take past 10 s, the app's memory must stay bounded; then the
// worker processes every stored webhook delivery (none may fail or stay pending), and the database must
// hold only rows the API's own rules allow (lib/validation), checked by SQL.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { createHmac } from 'node:crypto'
import { ROOT } from '../shared/app-server'
import { fuzzBodies, type FuzzBody } from './fuzz-bodies'
import { invalidRows } from './invalid-rows'
import { exampleOf } from './payloads'
import { HUNG_MS, request } from './sender'
import { admin, app, createFixtures, fixturesEnv, groupRssMiB, waitDeliveriesDone, worker, type AppBuild, type Fixtures } from './setup'

type Endpoint = { name: string; valid: unknown[]; request: (b: FuzzBody, i: number) => Promise<{ path: string; headers: Record<string, string> }> }

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as unknown
const json = { 'content-type': 'application/json' }

function endpoints(f: Fixtures): Endpoint[] {
  const auth = { ...json, authorization: `Bearer ${f.token}` }
  const githubEvents = ['deployment_status', 'deployment', 'workflow_run', 'push', 'pull_request', 'issues', 'ping', 'check_run']
  const gitlabEvents = ['Deployment Hook', 'Pipeline Hook', 'Push Hook', 'Merge Request Hook', 'Issue Hook', 'Work Item Hook', 'Note Hook']
  const gitlabFixtures = ['deployment', 'deployment-production', 'pipeline', 'push', 'merge-request-merged', 'issue', 'incident-opened', 'incident-closed']
  return [
    {
      name: 'POST /api/v1/deployments',
      valid: [
        {
          id: 'd-1',
          service: 'hello',
          environment: 'production',
          status: 'success',
          startedAt: '2026-01-01T10:00:00Z',
          finishedAt: '2026-01-01T10:05:00Z',
          sha: 'a'.repeat(40),
          commits: [{ sha: 'a'.repeat(40), committedAt: '2026-01-01T09:00:00Z', prNumber: 7 }],
        },
        {
          id: 'd-2',
          service: 'svc-b',
          environment: 'staging',
          environmentTier: 'staging',
          status: 'in_progress',
          rollback: true,
          version: '1.2.3',
          url: 'https://ci.example/1',
        },
        {
          id: 'd-3',
          result: 'SUCCESS',
          startedDate: '2026-01-01T10:00:00Z',
          finishedDate: '2026-01-01T10:05:00Z',
          environment: 'PRODUCTION',
          originalEnvironment: 'prod',
          displayTitle: 'v1',
          url: 'https://ci.example/2',
          deploymentCommits: [
            {
              repoUrl: 'https://github.com/acme/api',
              refName: 'main',
              startedDate: '2026-01-01T10:00:00Z',
              finishedDate: '2026-01-01T10:05:00Z',
              commitSha: 'b'.repeat(40),
              commitMsg: 'fix',
            },
          ],
        },
      ],
      request: async () => ({ path: '/api/v1/deployments', headers: auth }),
    },
    {
      name: 'POST /api/v1/incidents',
      valid: [
        {
          id: 'i-1',
          service: 'hello',
          title: 'API down',
          severity: 'SEV1',
          openedAt: '2026-01-01T11:00:00Z',
          resolvedAt: '2026-01-01T12:00:00Z',
          outage: true,
          causeDeploymentId: 'd-1',
        },
        {
          id: 'i-2',
          service: 'hello',
          environment: 'production',
          title: 'Slow',
          severity: 'low',
          openedAt: '2026-01-02T11:00:00Z',
          causeSha: 'a'.repeat(40),
          url: 'https://status.example/2',
        },
        { id: 'i-1', service: 'hello', resolvedAt: null, fixDeploymentId: 'd-3' },
      ],
      request: async () => ({ path: '/api/v1/incidents', headers: auth }),
    },
    {
      name: 'POST /api/v1/scans',
      valid: [readJson('lib/compliance/fixtures/scanners/trivy/npm.json'), readJson('lib/compliance/fixtures/scanners/grype/image.sarif')],
      request: async (_b, i) => ({ path: `/api/v1/scans?service=hello${i % 3 === 0 ? '&format=trivy' : i % 3 === 1 ? '&format=sarif' : ''}`, headers: auth }),
    },
    {
      name: 'POST /api/v1/checks',
      valid: [
        {
          service: 'hello',
          name: 'api',
          kind: 'http',
          url: 'http://127.0.0.1:9/health',
          intervalSeconds: 3600,
          timeoutMs: 500,
          expectStatusMin: 200,
          expectStatusMax: 299,
        },
        { service: 'hello', name: 'db port', kind: 'tcp', host: '127.0.0.1', port: 9, intervalSeconds: 3600, failureThreshold: 2 },
      ],
      request: async () => ({ path: '/api/v1/checks', headers: auth }),
    },
    {
      name: 'POST /api/webhooks/github',
      valid: githubEvents.filter((e) => e !== 'ping' && e !== 'check_run').map(exampleOf),
      request: async (b, i) => ({
        path: '/api/webhooks/github',
        headers: {
          ...json,
          'x-github-event': githubEvents[i % githubEvents.length]!,
          'x-github-delivery': `fuzz-gh-${i}`,
          'x-hub-signature-256': `sha256=${createHmac('sha256', f.githubSecret).update(b.body.toString('utf8')).digest('hex')}`,
        },
      }),
    },
    {
      name: 'POST /api/webhooks/gitlab',
      valid: gitlabFixtures.map((n) => readJson(`lib/gitlab/fixtures/${n}.json`)),
      request: async (_b, i) => ({
        path: '/api/webhooks/gitlab',
        headers: { ...json, 'x-gitlab-token': f.gitlabToken, 'x-gitlab-event': gitlabEvents[i % gitlabEvents.length]!, 'x-gitlab-event-uuid': `fuzz-gl-${i}` },
      }),
    },
  ]
}

export async function fuzzTest(o: { build: AppBuild; adminUrl: string; port: number; runs: number; concurrency?: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'fuzz')
  // the checks' bodies name loopback targets, which the outbound guard refuses unless allow-listed (test-only entry)
  await admin(f.url, (c) => c.query("INSERT INTO outbound_allow (entry, note) VALUES ('127.0.0.1', 'reliability fuzz')"))
  const server = app(o.build, o.port, fixturesEnv(f), 'fuzz-app')
  await server.start()
  const problems: string[] = []
  const rssStart = groupRssMiB(server.pid())
  let rssMax = rssStart
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, groupRssMiB(server.pid()))), 500)
  sampler.unref()
  for (const [n, e] of endpoints(f).entries()) {
    const bodies = fuzzBodies(e.valid as never[], o.runs, 0x9_0000 + n)
    // new sockets per endpoint: the server closes keep-alive sockets idle for 5 s (while bodies are made)
    const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency ?? 16 })
    const statuses = new Map<string, number>()
    const kinds = new Map<string, number>()
    let next = 0
    let slowest = 0
    let slow = 0
    const started = Date.now()
    await Promise.all(Array.from({ length: o.concurrency ?? 16 }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const b = bodies[i]!
        const { path: p, headers } = await e.request(b, i)
        let key: string
        try {
          const a = await request(o.port, { path: p, headers, body: b.body }, agent, HUNG_MS + 5_000)
          key = String(a.status)
          slowest = Math.max(slowest, a.ms)
          // a 503 with Retry-After is the documented answer to a busy database (here: deadlocks between
          // concurrent deployments of one service sharing commits, docs/reliability.md): counted, not a failure
          if (a.ms > HUNG_MS) slow++
          if (a.status >= 500 && !(a.status === 503 && a.headers['retry-after'])) {
            problems.push(
              `fuzz ${e.name}: ${a.status} after ${a.ms.toFixed(0)} ms for a ${b.kind} body (${b.body.length} bytes): ${b.body.toString('utf8').slice(0, 300)} → ${a.body.slice(0, 200)}`,
            )
          }
        } catch (err) {
          key = 'no answer'
          problems.push(`fuzz ${e.name}: no answer (${(err as Error).message}) for ${b.body.toString('utf8').slice(0, 300)}`)
        }
        statuses.set(key, (statuses.get(key) ?? 0) + 1)
        kinds.set(b.kind, (kinds.get(b.kind) ?? 0) + 1)
      }
    }))
    agent.destroy()
    const s = (m: Map<string, number>) => [...m].sort().map(([k, v]) => `${k} ${v}`).join(', ')
    console.log(
      `fuzz          ${e.name.padEnd(26)} ${bodies.length} bodies (${s(kinds)}) in ${((Date.now() - started) / 1000).toFixed(0)} s: ${s(statuses)}; slowest ${slowest.toFixed(0)} ms, ${slow} past ${HUNG_MS / 1000} s`,
    )
  }
  clearInterval(sampler)
  const alive = server.server.child.exitCode === null
  if (!alive) problems.push('fuzz: the app process died')
  // the worker turns every stored delivery into rows (or ignores it); a processing error leaves it pending
  const w = worker(f, o.build.logDir, 'fuzz-worker')
  w.start()
  const pending = await waitDeliveriesDone(f.url, 5 * 60_000)
  await w.stop()
  const states = await admin(f.url, async (c) => (await c.query<{ provider: string; state: string; n: number }>(
    'SELECT provider, state, count(*)::int AS n FROM webhook_delivery GROUP BY 1, 2 ORDER BY 1, 2')).rows)
  const errors = await admin(f.url, async (c) => (await c.query<{ output: unknown }>(
    "SELECT output FROM pgboss.job WHERE name LIKE '%.delivery' AND (retry_count > 0 OR state IN ('retry', 'failed')) LIMIT 5")).rows)
  const bad = await invalidRows(f.url)
  const rows = await admin(f.url, async (c) => (await c.query<{ t: string; n: number }>(`
    SELECT 'deployment' AS t, count(*)::int AS n FROM deployment UNION ALL SELECT 'incident', count(*)::int FROM incident
    UNION ALL SELECT 'compliance_scan', count(*)::int FROM compliance_scan UNION ALL SELECT 'probe_check', count(*)::int FROM probe_check
    UNION ALL SELECT 'change', count(*)::int FROM change UNION ALL SELECT 'service', count(*)::int FROM service`)).rows)
  const failed = states.filter((r) => r.state === 'failed').reduce((s, r) => s + r.n, 0)
  console.log(
    `fuzz          app RSS ${rssStart.toFixed(0)} MiB at the start, max ${rssMax.toFixed(0)} MiB; alive: ${alive}; deliveries: ${states.map((r) => `${r.provider} ${r.state} ${r.n}`).join(', ')}; ` +
      `rows kept: ${rows.map((r) => `${r.t} ${r.n}`).join(', ')}; invalid rows: ${bad.reduce((s, b) => s + b.n, 0)}`,
  )
  await server.kill()
  if (pending) problems.push(`fuzz: ${pending} deliveries still pending after the worker ran`)
  if (failed || errors.length)
    problems.push(`fuzz: ${failed} deliveries failed; job errors: ${errors.map((e) => JSON.stringify(e.output).slice(0, 200)).join(' | ')}`)
  for (const b of bad) if (b.n) problems.push(`fuzz: ${b.n} invalid rows: ${b.rule} (e.g. ${b.example})`)
  if (rssMax > rssStart + 512) problems.push(`fuzz: app memory grew from ${rssStart.toFixed(0)} to ${rssMax.toFixed(0)} MiB`)
  return problems.slice(0, 40)
}
