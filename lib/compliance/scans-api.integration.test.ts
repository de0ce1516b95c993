import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { POST } from '@/app/api/v1/scans/route'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { hostileXml } from '@/lib/compliance/testing/hostile-xml'

// POST /api/v1/scans through the route handler against PostgreSQL.
const fixtures = path.join(import.meta.dirname, 'fixtures')
const fixture = (file: string) => readFileSync(path.join(fixtures, file))
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'scans')).token
})

const upload = (body: Uint8Array | string, query: Record<string, string>, headers: Record<string, string> = {}) => uploadScan(token, body, query, headers)

const tableCounts = async () => (await queryRows<Record<string, number>>(pool(), sql`
  SELECT (SELECT count(*)::int FROM compliance_scan) AS scans, (SELECT count(*)::int FROM compliance_rule_failure) AS rules,
    (SELECT count(*)::int FROM vulnerability_finding) AS findings, (SELECT count(*)::int FROM compliance_scan_finding) AS links,
    (SELECT count(*)::int FROM service) AS services, (SELECT count(*)::int FROM ingest_log) AS log`))[0]

const findingsOf = (service: string) => queryRows<{ vulnerabilityId: string; firstSeenAt: Date; fixedAt: Date | null }>(pool(), sql`
  SELECT f.vulnerability_id AS "vulnerabilityId", f.first_seen_at AS "firstSeenAt", f.fixed_at AS "fixedAt"
  FROM vulnerability_finding f JOIN service s ON s.id = f.service_id WHERE s.slug = ${service} ORDER BY 1`)

describe('POST /api/v1/scans', () => {
  it('stores an OpenSCAP ARF (gzip) with oscap\'s scores, C and grade, and recognises it when uploaded again', async () => {
    const service = uniqueSlug('scan-arf')
    const gz = fixture('openscap/standard-deb12/arf.xml.gz')
    const first = await upload(gz, { service, environment: 'production' }, { 'content-encoding': 'gzip', 'content-type': 'application/xml' })
    expect(first.status).toBe(201)
    expect(first.json.data).toMatchObject({
      service, environment: 'production', kind: 'config', format: 'arf', target: 'vm', scoredRules: 18, failedRules: 1, broken: false, grade: 'B',
      scoreMismatch: false, formulaVersion: 'v2', scanner: { name: 'openscap', version: '1.3.7' },
      xccdfScores: { default: { score: '75.000000', maximum: '100.000000' }, flat: { score: '17.000000', maximum: '18.000000' } },
      benchmark: { id: 'xccdf_org.ssgproject.content_benchmark_DEBIAN-11', contentVersion: '0.1.65' },
    })
    expect(first.json.data.score).toBeCloseTo(94.444, 3)
    const again = await upload(gz, { service })
    const plain = await upload(gunzip(gz), { service })
    expect([again.status, again.json.outcome, plain.status, plain.json.outcome]).toEqual([200, 'unchanged', 200, 'unchanged'])
    expect(plain.json.data.id).toBe(first.json.data.id)
    const [{ n }] = (await queryRows<{ n: number }>(pool(), sql`
      SELECT count(*)::int AS n FROM compliance_scan s JOIN service sv ON sv.id = s.service_id WHERE sv.slug = ${service}`)) as [{ n: number }]
    expect(n).toBe(1)
  })

  it('flags a scan with nothing scored as broken, with no score or grade', async () => {
    const res = await upload(fixture('openscap/all-notapplicable/xccdf-results.xml.gz'), { service: uniqueSlug('scan-na') })
    expect(res.status).toBe(201)
    expect(res.json.data).toMatchObject({ format: 'xccdf', broken: true, score: null, grade: null, scoredRules: 0 })
    expect(res.json.data.brokenReason).toMatch(/No rule was scored/)
  })

  it('keeps each finding once per service with its first-seen time, fixes what a later scan no longer lists, reopens what returns', async () => {
    const service = uniqueSlug('scan-vuln')
    const report = JSON.parse(fixture('scanners/trivy/debian-buster.json').toString())
    const at = (day: string) => ({ ...structuredClone(report), CreatedAt: `2026-05-${day}T00:00:00Z` })
    const first = await upload(JSON.stringify(at('01')), { service })
    expect(first.status).toBe(201)
    expect(first.json.data).toMatchObject({ kind: 'vulnerability', format: 'trivy', findings: 2, grade: 'E' })
    expect(first.json.data.score).toBeCloseTo(66.39, 2)
    // the critical one is fixed in the next scan
    const fixed = at('03')
    fixed.Results[0].Vulnerabilities = fixed.Results[0].Vulnerabilities.filter((v: { Severity: string }) => v.Severity !== 'CRITICAL')
    expect((await upload(JSON.stringify(fixed), { service })).json.data.findings).toBe(1)
    expect(await findingsOf(service)).toEqual([
      { vulnerabilityId: 'CVE-2019-18224', firstSeenAt: new Date('2026-05-01T00:00:00Z'), fixedAt: new Date('2026-05-03T00:00:00Z') },
      { vulnerabilityId: 'CVE-2019-18276', firstSeenAt: new Date('2026-05-01T00:00:00Z'), fixedAt: null },
    ])
    // a late upload of an older scan changes no fixed-at time; a newer scan listing it again reopens it
    await upload(JSON.stringify(at('02')), { service })
    expect((await findingsOf(service))[0]!.fixedAt).toEqual(new Date('2026-05-03T00:00:00Z'))
    await upload(JSON.stringify(at('05')), { service })
    expect((await findingsOf(service))[0]).toMatchObject({ firstSeenAt: new Date('2026-05-01T00:00:00Z'), fixedAt: null })
  })

  it.each([
    ['grype/image.json', 'grype', 86.96],
    ['grype/image.sarif', 'sarif', 86.96],
    ['trivy/alpine-310.sarif', 'sarif', 71.43],
  ])('accepts %s', async (file, format, v) => {
    const res = await upload(fixture(`scanners/${file}`), { service: uniqueSlug('scan-fmt') })
    expect(res.json.data).toMatchObject({ format })
    expect(res.json.data.score).toBeCloseTo(v, 2)
  })

  it.each(hostileXml)('refuses %s with 422 and stores nothing', async (_name, body) => {
    const before = await tableCounts()
    const res = await upload(body, { service: uniqueSlug('scan-hostile') }, { 'content-type': 'application/xml' })
    expect(res.status).toBe(422)
    expect(res.json.error!.message).toMatch(/DOCTYPE/)
    expect(await tableCounts()).toEqual(before)
  })

  it.each([
    ['truncated XML', () => gunzip(fixture('openscap/standard-deb12/arf.xml.gz')).subarray(0, 3_000_000), 422, /not well-formed/],
    ['JSON of the wrong shape', () => '{"matches":[{"vulnerability":{}}]}', 422, /matches\.0/],
    ['a wrong root element', () => '<svg xmlns="http://www.w3.org/2000/svg"/>', 422, /root element <svg>/],
    ['a broken gzip body', () => fixture('openscap/standard-deb12/arf.xml.gz').subarray(0, 1000), 400, /gzip/],
  ])('refuses %s and stores nothing', async (_name, body, status, message) => {
    const before = await tableCounts()
    const res = await upload(body(), { service: uniqueSlug('scan-bad') })
    expect(res.status).toBe(status)
    expect(res.json.error!.message).toMatch(message)
    expect(await tableCounts()).toEqual(before)
  })

  it('needs a token and a service', async () => {
    const res = await POST(new Request('http://localhost/api/v1/scans?service=x', { method: 'POST', body: '{}' }), { params: Promise.resolve({}) })
    expect(res.status).toBe(401)
    expect((await upload('{}', {})).status).toBe(422)
  })
})

const gunzip = (buf: Buffer) => gunzipSync(buf)
