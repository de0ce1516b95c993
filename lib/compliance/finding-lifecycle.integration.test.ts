import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'
import { POST as postDeployment } from '@/app/api/v1/deployments/route'
import { listErrata } from '@/lib/queries/compliance/list-errata'
import { listProductionImages } from '@/lib/queries/compliance/list-production-images'
import { summarizeErrata } from '@/lib/compliance/errata-latency'

// A finding's lifecycle is per (service, environment, target, scanner kind): two images in two
// environments, scanned in turn; no scan closes another image's or environment's findings.
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, 'fixtures/scanners', file))
const DIGEST_A = `sha256:${'a'.repeat(64)}`
const DIGEST_B = `sha256:${'b'.repeat(64)}`
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'lifecycle')).token
})

// a clean image: its os-pkgs result lists no vulnerability (the name only makes each upload's content its own)
const clean = (name: string) => JSON.stringify({ SchemaVersion: 2, ArtifactName: name, Results: [{ Target: `${name} (alpine 3.10)`, Class: 'os-pkgs', Type: 'alpine' }] })

type Row = { vulnerabilityId: string; environment: string | null; scanTarget: string; firstSeenAt: Date; fixedAt: Date | null }
const findingsOf = (service: string) => queryRows<Row>(pool(), sql`
  SELECT f.vulnerability_id AS "vulnerabilityId", e.name AS environment, f.scan_target AS "scanTarget", f.first_seen_at AS "firstSeenAt", f.fixed_at AS "fixedAt"
  FROM vulnerability_finding f JOIN service s ON s.id = f.service_id LEFT JOIN environment e ON e.id = f.environment_id
  WHERE s.slug = ${service} ORDER BY 2, 3, 1`)

describe('finding lifecycle per target and environment', () => {
  it('two images, two environments: a scan closes only its own image and environment\'s findings; time to remediate to the second', async () => {
    const service = uniqueSlug('life')
    const up = async (body: Buffer | string, environment: string, digest: string, scannedAt: string) => {
      const res = await uploadScan(token, body, { service, environment, digest, scannedAt })
      expect(res.status).toBe(201)
      return res.json.data
    }
    // image A in production, image B in staging, each with findings
    await up(fixture('trivy/alpine-310.json'), 'production', DIGEST_A, '2026-06-01T10:00:00.000Z')
    await up(fixture('trivy/alpine-310.sarif'), 'staging', DIGEST_B, '2026-06-01T11:00:07.000Z')
    // the same image A in staging: a lifecycle of its own
    await up(fixture('trivy/debian-buster.json'), 'staging', DIGEST_A, '2026-06-01T11:30:00.000Z')
    const before = await findingsOf(service)
    expect(new Set(before.map((r) => `${r.environment} ${r.scanTarget}`))).toEqual(new Set([
      `production ${DIGEST_A}`, `staging ${DIGEST_B}`, `staging ${DIGEST_A}`]))

    // image B is clean in staging: B's staging findings are fixed, nothing else
    await up(clean('b-staging'), 'staging', DIGEST_B, '2026-06-02T09:15:30.000Z')
    // a new image B in production, clean: it closes nothing of image A in production
    await up(clean('b-production'), 'production', DIGEST_B, '2026-06-02T12:00:00.000Z')
    let rows = await findingsOf(service)
    const fixedIn = (env: string, digest: string) => rows.filter((r) => r.environment === env && r.scanTarget === digest).map((r) => r.fixedAt?.toISOString() ?? null)
    expect(new Set(fixedIn('staging', DIGEST_B))).toEqual(new Set(['2026-06-02T09:15:30.000Z']))
    expect(new Set(fixedIn('production', DIGEST_A))).toEqual(new Set([null]))
    expect(new Set(fixedIn('staging', DIGEST_A))).toEqual(new Set([null]))

    // image A rebuilt clean and scanned in production: A's production findings are fixed there
    await up(clean('a-production'), 'production', DIGEST_A, '2026-06-03T10:00:01.000Z')
    rows = await findingsOf(service)
    const prodA = rows.filter((r) => r.environment === 'production' && r.scanTarget === DIGEST_A)
    expect(prodA.length).toBeGreaterThan(0)
    for (const r of prodA) expect((r.fixedAt!.getTime() - r.firstSeenAt.getTime()) / 1000).toBe(2 * 86_400 + 1)
    const stagingB = rows.filter((r) => r.environment === 'staging' && r.scanTarget === DIGEST_B)
    for (const r of stagingB) expect((r.fixedAt!.getTime() - r.firstSeenAt.getTime()) / 1000).toBe(22 * 3600 + 15 * 60 + 23)
    expect(new Set(fixedIn('staging', DIGEST_A))).toEqual(new Set([null]))
  })

  it('a late report of an older scan of the same lifecycle fixes nothing', async () => {
    const service = uniqueSlug('life')
    await uploadScan(token, fixture('trivy/alpine-310.json'), { service, digest: DIGEST_A, scannedAt: '2026-06-05T00:00:00Z' })
    await uploadScan(token, clean('old'), { service, digest: DIGEST_A, scannedAt: '2026-06-04T00:00:00Z' })
    expect((await findingsOf(service)).every((r) => r.fixedAt === null)).toBe(true)
  })

  it('errata latency: from the first scan showing a fix to the first production deployment of an image without it, to the second', async () => {
    const service = uniqueSlug('errata')
    const deploy = async (id: string, digest: string, finishedAt: string) => {
      const body = JSON.stringify({ id, service, environment: 'production', status: 'success', finishedAt, version: `registry.example/app@${digest}` })
      const res = await postDeployment(new Request('http://localhost/api/v1/deployments', {
        method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }), { params: Promise.resolve({}) })
      expect(res.status).toBe(201)
    }
    await uploadScan(token, fixture('trivy/alpine-310.json'), { service, environment: 'production', digest: DIGEST_A, scannedAt: '2026-07-01T08:00:00.000Z' })
    // image A itself goes out: it still has every finding
    await deploy('d-a', DIGEST_A, '2026-07-01T09:00:00.000Z')
    await uploadScan(token, clean('b'), { service, environment: 'staging', digest: DIGEST_B, scannedAt: '2026-07-02T10:00:00.000Z' })
    const serviceId = (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${service}`))[0]!.id
    // image A runs in production with its findings
    const [runningA] = await listProductionImages([serviceId])
    expect(runningA).toMatchObject({ digest: DIGEST_A, scannedAt: new Date('2026-07-01T08:00:00.000Z') })
    expect(runningA!.open).toBeGreaterThan(0)
    const before = summarizeErrata(await listErrata(serviceId), new Date('2026-08-15T00:00:00Z'))
    expect(before.bySeverity.every((r) => r.remediated === 0)).toBe(true)
    await deploy('d-b', DIGEST_B, '2026-07-03T12:34:56.000Z')
    const errata = await listErrata(serviceId)
    expect(errata.length).toBeGreaterThan(0)
    const summary = summarizeErrata(errata, new Date('2026-08-15T00:00:00Z'))
    const seconds = 2 * 86_400 + 4 * 3600 + 34 * 60 + 56
    for (const row of summary.bySeverity) expect([row.medianSeconds, row.p90Seconds]).toEqual([seconds, seconds])
    expect(summary.openCriticalHigh).toEqual({ over7Days: 0, over30Days: 0 })
    // image B now: scanned clean
    expect(await listProductionImages([serviceId])).toEqual([expect.objectContaining({ digest: DIGEST_B, open: 0, critical: 0, high: 0 })])
  })
})
