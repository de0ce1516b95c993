import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET } from '@/app/api/v1/metrics/route'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'

// `compliance` in GET /api/v1/metrics, from real uploads, against PostgreSQL.
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', file))
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'compliance-metric')).token
})

const metrics = async (query: Record<string, string>) => {
  const res = await GET(new Request(`http://localhost/api/v1/metrics?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) })
  expect(res.status).toBe(200)
  return (await res.json()).compliance
}

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
})
