import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import * as deployments from '@/app/api/v1/deployments/route'
import * as incidents from '@/app/api/v1/incidents/route'
import * as availability from '@/app/api/v1/availability/route'
import * as scans from '@/app/api/v1/scans/route'
import { storeDelivery } from '@/lib/ingest/store-delivery'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// Ids never burned by repeated ingest (issue 18): a CI pipeline posts the same deployment, incident, scan or
// result again and again (retries, re-runs), and INSERT ... ON CONFLICT takes a sequence value per attempt
// even when the row exists. Every ingest path is driven through its route with the same payload 50 times;
// no sequence of the database may move, except the request log's (one new row per request, by design).
const TIMES = 50
const ownRowPerRequest = new Set(['ingest_log_id_seq'])
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, '../compliance/fixtures/scanners', file))
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'repeat')).token
})

async function sequences(): Promise<Record<string, string>> {
  const { rows } = await pool().query<{ name: string; value: string | null }>(
    'SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1')
  return Object.fromEntries(rows.filter((r) => !ownRowPerRequest.has(r.name)).map((r) => [r.name, r.value ?? 'unused']))
}

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
async function post(route: Route, url: string, body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await route(new Request(`http://localhost${url}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, ...headers } }), { params: Promise.resolve({}) })
  if (res.status >= 300) throw new Error(`${url} answered ${res.status}: ${await res.text()}`)
  return res
}

// Sends `send` once (the rows are created), then TIMES more times, and returns how the sequences moved.
async function movedByRepeats(send: () => Promise<unknown>) {
  await send()
  const before = await sequences()
  for (let i = 0; i < TIMES; i++) await send()
  const after = await sequences()
  return Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => `${k}: ${before[k]} -> ${after[k]}`)
}

describe(`the same data ingested ${TIMES} times takes no sequence value`, () => {
  const service = uniqueSlug('repeat')
  const environment = uniqueSlug('prod')

  it('a deployment with commits and pull requests, in a new environment', async () => {
    const body = JSON.stringify({
      id: 'deploy-1', service, environment, environmentTier: 'production', status: 'success',
      startedAt: '2026-03-01T10:00:00Z', finishedAt: '2026-03-01T10:05:00Z', sha: 'a'.repeat(40),
      commits: ['a', 'b', 'c'].map((c, i) => ({
        sha: c.repeat(40), committedAt: `2026-03-01T0${i}:00:00Z`, prNumber: 10 + i, prOpenedAt: '2026-02-28T09:00:00Z', prMergedAt: `2026-03-01T0${i}:30:00Z`,
      })),
    })
    expect(await movedByRepeats(() => post(deployments.POST, '/api/v1/deployments', body))).toEqual([])
  })

  it('an incident caused by that deployment', async () => {
    const body = JSON.stringify({
      id: 'inc-1', service, environment, title: 'checkout down', severity: 'high', openedAt: '2026-03-01T11:00:00Z',
      resolvedAt: '2026-03-01T12:00:00Z', outage: true, causeDeploymentId: 'deploy-1',
    })
    expect(await movedByRepeats(() => post(incidents.POST, '/api/v1/incidents', body))).toEqual([])
  })

  it('an external availability result', async () => {
    const body = JSON.stringify({ service, check: 'external', at: '2026-03-01T10:00:00Z', up: false, latency: 12 })
    expect(await movedByRepeats(() => post(availability.POST, '/api/v1/availability', body))).toEqual([])
  })

  it('a vulnerability scan uploaded again, and scans that find the same vulnerabilities again', async () => {
    const json = { 'content-type': 'application/json' }
    const trivy = fixture('trivy/alpine-310.json')
    expect(await movedByRepeats(() => post(scans.POST, `/api/v1/scans?service=${service}&environment=${environment}`, trivy, json))).toEqual([])
    // a re-run: another document (its own scan row) whose findings all exist
    const report = JSON.parse(trivy.toString()) as Record<string, unknown>
    let run = 0
    const rerun = () => post(scans.POST, `/api/v1/scans?service=${service}`, JSON.stringify({ ...report, CreatedAt: new Date(Date.UTC(2026, 2, 2, 0, run++)).toISOString() }), json)
    await rerun()
    const before = await sequences()
    for (let i = 0; i < 5; i++) await rerun()
    const after = await sequences()
    // each re-run is a scan of its own: one compliance_scan id each, and nothing else
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['compliance_scan_id_seq'])
    expect(Number(after.compliance_scan_id_seq) - Number(before.compliance_scan_id_seq)).toBe(5)
  })

  it('a webhook delivery delivered again', async () => {
    const deliveryId = randomUUID()
    const delivery = { deliveryId, event: 'deployment_status', action: 'created', rawBody: '{"action":"created"}' }
    expect(await movedByRepeats(() => storeDelivery(delivery))).toEqual([])
  })
})
