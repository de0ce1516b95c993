import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'
import { GET as getPosture } from '@/app/api/v1/posture/route'

// Posture reports and misconfiguration-only reports through POST /api/v1/scans, against PostgreSQL.
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', file))
let token: string
const upload = (body: Uint8Array | string, query: Record<string, string>) => uploadScan(token, body, query)

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'posture')).token
})

const cellsOf = (scanId: number) => queryRows<{ workload: string; control: string; status: string }>(pool(), sql`
  SELECT workload, control, status FROM posture_control_result WHERE scan_id = ${scanId} ORDER BY workload, control`)

describe('posture scans', () => {
  it.each(['posture/trivy/helm-pod.json', 'posture/trivy/terraform-config.sarif'])('%s is stored as posture with P below 100, never V = 100 or grade A', async (file) => {
    const res = await upload(fixture(file), { service: uniqueSlug('posture') })
    expect(res.status).toBe(201)
    expect(res.json.data).toMatchObject({ kind: 'posture', broken: false, findings: expect.any(Number) })
    expect(res.json.data.score).toBeLessThan(100)
    expect(res.json.data.grade).not.toBe('A')
    expect(res.json.data.failedControls).toBeGreaterThan(0)
  })

  it('helm-pod.json uploaded gives the P its checks give: 19 of 45 severity-weighted cells pass (posture.test.ts works it out)', async () => {
    const res = await upload(fixture('posture/trivy/helm-pod.json'), { service: uniqueSlug('posture') })
    expect(res.status).toBe(201)
    expect(res.json.data.kind).toBe('posture')
    expect(res.json.data.score).toBeCloseTo((100 * 19) / 45, 9)
  })

  it('stores the controls matrix of a Kubescape scan', async () => {
    const res = await upload(fixture('posture/kubescape/manifest-scan-nginx.json'), { service: uniqueSlug('posture') })
    expect(res.json.data).toMatchObject({ kind: 'posture', format: 'kubescape', failedControls: 2 })
    expect(res.json.data.score).toBeCloseTo(90, 9)
    const cells = await cellsOf(res.json.data.id)
    expect(cells.filter((c) => c.status === 'fail').map((c) => c.control)).toEqual(['network-policy', 'selinux-apparmor'])
    expect(cells).toHaveLength(10)
  })

  it('GET /api/v1/posture answers the latest posture scan as a matrix with not_checked cells', async () => {
    const service = uniqueSlug('posture')
    await upload(fixture('posture/kubescape/manifest-scan-nginx.json'), { service })
    const res = await getPosture(new Request(`http://localhost/api/v1/posture?service=${service}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) })
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as { data: { scan: { format: string }; controls: { id: string }[]; workloads: { workload: string; controls: Record<string, string> }[] } }
    expect(data.scan.format).toBe('kubescape')
    expect(data.controls).toHaveLength(12)
    expect(data.workloads).toEqual([expect.objectContaining({ workload: 'Deployment/nginx-deployment' })])
    expect(data.workloads[0]!.controls).toMatchObject({ 'network-policy': 'fail', seccomp: 'not_checked', 'allowed-registry': 'not_checked', 'non-root': 'pass' })
    const missing = await getPosture(new Request('http://localhost/api/v1/posture?service=no-such-service', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) })
    expect(missing.status).toBe(422)
  })

  it('a Trivy k8s report with both is a vulnerability scan, or its misconfigurations with kind=posture', async () => {
    const service = uniqueSlug('posture')
    const body = fixture('posture/trivy/k8s-cluster.docs-example.json')
    const asVulns = await upload(body, { service })
    expect(asVulns.json.data).toMatchObject({ kind: 'vulnerability', findings: 1, broken: false })
    const asPosture = await upload(body, { service: uniqueSlug('posture'), kind: 'posture' })
    expect(asPosture.json.data).toMatchObject({ kind: 'posture', target: 'minikube', failedControls: 2 })
  })

  it('refuses a kind the report does not hold', async () => {
    const res = await upload(fixture('posture/trivy/helm-pod.json'), { service: uniqueSlug('posture'), kind: 'vulnerability' })
    expect(res.status).toBe(422)
    expect(res.json.error!.message).toMatch(/kind.*misconfiguration checks only/)
  })

  it('a Trivy report with no package results is a broken vulnerability scan that fixes nothing', async () => {
    const service = uniqueSlug('posture')
    await upload(fixture('scanners/trivy/alpine-310.json'), { service, scannedAt: '2026-06-01T00:00:00Z' })
    const empty = JSON.stringify({ SchemaVersion: 2, ArtifactName: 'alpine:3.10', Results: [] })
    const res = await upload(empty, { service, scannedAt: '2026-06-02T00:00:00Z' })
    expect(res.json.data).toMatchObject({ kind: 'vulnerability', broken: true, score: null, grade: null })
    const [{ open }] = (await queryRows<{ open: number }>(pool(), sql`
      SELECT count(*)::int AS open FROM vulnerability_finding f JOIN service s ON s.id = f.service_id
      WHERE s.slug = ${service} AND f.fixed_at IS NULL`)) as [{ open: number }]
    expect(open).toBeGreaterThan(0)
  })

  it('refuses deeply nested posture JSON with a 422 and stores nothing', async () => {
    const service = uniqueSlug('posture')
    const deep = `{"Controls":${'['.repeat(200)}${']'.repeat(200)}}`
    const res = await upload(deep, { service })
    expect(res.status).toBe(422)
    const [{ n }] = (await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM service WHERE slug = ${service}`)) as [{ n: number }]
    expect(n).toBe(0)
  })
})
