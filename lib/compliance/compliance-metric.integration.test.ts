import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET } from '@/app/api/v1/metrics/route'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'
import { postDeployment } from '@/lib/compliance/testing/post-deployment'
import { complianceMetricDtoSchema } from '@/lib/validation/compliance-metric'
import { listImageFindings } from '@/lib/queries/compliance/list-production-images'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'

// `compliance` in GET /api/v1/metrics, from real uploads, against PostgreSQL.
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', file))
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'compliance-metric')).token
})

const metrics = async (query: Record<string, string>) => {
  const res = await GET(new Request(`http://localhost/api/v1/metrics?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) })
  expect(res.status).toBe(200)
  // the answer is what the OpenAPI document says it is
  return complianceMetricDtoSchema.parse((await res.json()).compliance)
}

const DIGEST = (c: string) => `sha256:${c.repeat(64)}`

describe('compliance in GET /api/v1/metrics', () => {
  it('headline S, components, coverage, series and the previous window; no scan in the window is no data', async () => {
    const service = uniqueSlug('cm')
    // V 71.43 in March; the posture scan of helm-pod.json in April
    await uploadScan(token, fixture('scanners/trivy/alpine-310.json'), { service, scannedAt: '2026-03-10T00:00:00Z' })
    await uploadScan(token, fixture('posture/kubescape/manifest-scan-nginx.json'), { service, scannedAt: '2026-04-10T00:00:00Z' })
    const april = await metrics({ service, from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z', granularity: 'month' })
    expect(april.formulaVersion).toBe('v2')
    expect(april.headline).toBeCloseTo(Math.sqrt(71.43 * 90), 1)
    expect(april.components.v).toBeCloseTo(71.43, 2)
    expect(april.components.p).toBeCloseTo(90, 9)
    expect(april.coverage).toMatchObject({ services: 1, scanned: 1, config: 0, vulnerability: 1, posture: 1, unscanned: [] })
    expect(april.series).toHaveLength(1)
    expect(april.previous.headline).toBeCloseTo(71.43, 2)
    const june = await metrics({ service, from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z', granularity: 'month' })
    expect(june).toMatchObject({ headline: null, coverage: { scanned: 0, unscanned: [service] }, series: [{ s: null }] })
  })

  it('vulnerable images running in production now: the latest successful production deployment\'s image and its latest scan, by severity', async () => {
    const [vulnerable, unscanned, clean, noDigest] = ['vuln', 'unscanned', 'clean', 'nodigest'].map((p) => uniqueSlug(`run-${p}`)) as [string, string, string, string]
    const deploy = async (service: string, id: string, fields: Record<string, unknown>) => expect(await postDeployment(token, service, id, fields)).toBe(201)
    // the vulnerable service runs image A (scanned with findings); a later failed deployment and a newer
    // image in staging change nothing of what production runs
    const scan = await uploadScan(token, fixture('scanners/trivy/alpine-310.json'), { service: vulnerable, environment: 'production', digest: DIGEST('a'), scannedAt: '2026-05-01T00:00:00Z' })
    expect(scan.status).toBe(201)
    await deploy(vulnerable, 'v1', { version: `registry.example/app@${DIGEST('a')}`, finishedAt: '2026-05-02T00:00:00Z' })
    await deploy(vulnerable, 'v2', { version: `registry.example/app@${DIGEST('b')}`, status: 'failure', finishedAt: '2026-05-03T00:00:00Z' })
    await deploy(vulnerable, 'v3', { version: `registry.example/app@${DIGEST('c')}`, environment: 'staging', finishedAt: '2026-05-04T00:00:00Z' })
    await deploy(unscanned, 'u1', { version: DIGEST('d'), finishedAt: '2026-05-02T00:00:00Z' })
    const cleanReport = JSON.stringify({ SchemaVersion: 2, ArtifactName: 'clean', Results: [{ Target: 'clean (alpine 3.10)', Class: 'os-pkgs', Type: 'alpine' }] })
    expect((await uploadScan(token, cleanReport, { service: clean, digest: DIGEST('e'), scannedAt: '2026-05-01T00:00:00Z' })).status).toBe(201)
    await deploy(clean, 'c1', { version: `registry.example/clean@${DIGEST('e')}`, finishedAt: '2026-05-02T00:00:00Z' })
    await deploy(noDigest, 'n1', { version: 'registry.example/app:1.2.3', finishedAt: '2026-05-02T00:00:00Z' })

    const c = await metrics({ service: [vulnerable, unscanned, clean, noDigest].join(','), from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' })
    const { images, summary } = c.runningInProduction
    expect(images.map((i) => [i.service, i.digest, i.status])).toEqual([
      [vulnerable, DIGEST('a'), 'vulnerable'], [clean, DIGEST('e'), 'clean'], [unscanned, DIGEST('d'), 'unscanned']])
    const [v] = images
    // every finding of the scan, each under one severity; the list behind the link holds exactly them
    expect(v!.open).toBe(scan.json.data.findings)
    expect(v!.critical + v!.high + v!.medium + v!.low + v!.other).toBe(v!.open)
    const [{ id }] = (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${vulnerable}`)) as [{ id: number }]
    const listed = await listImageFindings(id, DIGEST('a'))
    expect(listed).toHaveLength(v!.open)
    expect(listed.filter((f) => f.severity === 'high')).toHaveLength(v!.high)
    expect(listed.filter((f) => f.fixable)).toHaveLength(v!.fixable)
    expect(summary).toMatchObject({ running: 3, vulnerable: 1, clean: 1, unscanned: 1, withoutImage: [noDigest] })
    expect(summary.findings).toEqual({ critical: v!.critical, high: v!.high, medium: v!.medium, low: v!.low, other: v!.other, open: v!.open, fixable: v!.fixable })
  })
})
