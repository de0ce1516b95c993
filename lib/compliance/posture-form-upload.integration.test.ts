import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'
import { countScans, scanForm, sendScan, type FormPart } from '@/lib/compliance/testing/scan-form'

// Posture reports through POST /api/v1/scans as the CLI and `curl -F file=@report.json` send them (a
// multipart form), and hostile posture JSON by either path: refused (413 or 422), nothing stored.
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, 'fixtures/posture', file))
const MiB = 1024 * 1024
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'posture-form')).token
})

const cellsOf = (scanId: number) => queryRows<{ workload: string; control: string; status: string }>(pool(), sql`
  SELECT workload, control, status FROM posture_control_result WHERE scan_id = ${scanId} ORDER BY workload, control`)
const serviceExists = async (slug: string) => (await queryRows(pool(), sql`SELECT 1 FROM service WHERE slug = ${slug}`)).length > 0

const POSTURE_FIXTURES = [
  ['trivy/helm-pod.json', 'trivy'], ['trivy/dockerfile.json', 'trivy'], ['trivy/terraform-config.sarif', 'sarif'],
  ['kube-bench/cis-1.6-all-targets.json', 'kube-bench'], ['kubescape/manifest-scan-nginx.json', 'kubescape'],
  ['kubescape/cluster-scan-k3d.trimmed.json', 'kubescape'], ['checkov/terraform-and-dockerfile.trimmed.json', 'checkov'],
  ['kics/helm-chart-and-terraform.json', 'kics'],
] as const

describe('posture reports as a multipart form', () => {
  it.each(POSTURE_FIXTURES)('%s as the file part gives the same P and controls matrix as the plain body', async (file, format) => {
    const parts: FormPart[] = [['service', uniqueSlug('pform')], ['environment', 'production'], ['file', fixture(file), path.basename(file)]]
    const viaForm = await sendScan(token, scanForm(parts))
    const viaBody = await uploadScan(token, fixture(file), { service: uniqueSlug('pbody'), environment: 'production' })
    expect([viaForm.status, viaBody.status]).toEqual([201, 201])
    const { broken, score, grade } = viaBody.json.data
    expect(viaForm.json.data).toMatchObject({ kind: 'posture', format, broken, score, grade })
    expect(viaForm.json.data.failedControls).toBe(viaBody.json.data.failedControls)
    const cells = await cellsOf(viaForm.json.data.id)
    expect(cells.length).toBeGreaterThan(0)
    expect(cells).toEqual(await cellsOf(viaBody.json.data.id))
  })

  it('takes a gzipped file part and kind=posture as a form field for a trivy k8s report holding both', async () => {
    const service = uniqueSlug('pform')
    const res = await sendScan(token, scanForm([
      ['service', service], ['kind', 'posture'], ['file', gzipSync(fixture('trivy/k8s-cluster.docs-example.json')), 'k8s.json.gz'],
    ]))
    expect(res.status).toBe(201)
    expect(res.json.data).toMatchObject({ kind: 'posture', format: 'trivy', broken: false })
    expect(res.json.data.failedControls).toBeGreaterThan(0)
  })
})

// Each posture format's own shape, nested past the JSON depth limit where its checks are listed.
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
const DEEP = 10_000
const deeplyNested: [string, string][] = [
  ['kube-bench', `{"Controls":${deep(DEEP)},"Totals":{}}`],
  ['Kubescape', `{"summaryDetails":{},"results":${deep(DEEP)}}`],
  ['Checkov', `{"check_type":"terraform","results":{"failed_checks":${deep(DEEP)}}}`],
  ['KICS', `{"queries":${deep(DEEP)},"queries_total":1,"severity_counters":{}}`],
  ['a Trivy misconfiguration', `{"SchemaVersion":2,"Results":[{"Class":"config","Misconfigurations":${deep(DEEP)}}]}`],
]
// a Kubescape report listing one more result than any real report could
const tooMany = `{"summaryDetails":{},"results":[${Array.from({ length: 50_001 }, () => '{}').join(',')}]}`

describe('hostile posture JSON: refused, nothing stored', () => {
  it.each(deeplyNested)('deeply nested %s: 422 as a body and as a file part', async (_name, body) => {
    const before = await countScans()
    for (const send of [
      (service: string) => uploadScan(token, body, { service }),
      (service: string) => sendScan(token, scanForm([['service', service], ['file', body, 'report.json']])),
    ]) {
      const service = uniqueSlug('phostile')
      const res = await send(service)
      expect(res.status).toBe(422)
      expect(res.json.error!.message).toMatch(/nests deeper than/)
      expect(await serviceExists(service)).toBe(false)
    }
    expect(await countScans()).toBe(before)
  })

  it('a Kubescape report with 50,001 results: 422 naming the limit', async () => {
    const service = uniqueSlug('phostile')
    const res = await uploadScan(token, tooMany, { service })
    expect(res.status).toBe(422)
    expect(res.json.error!.message).toMatch(/at most/)
    expect(await serviceExists(service)).toBe(false)
  })

  it('a gzipped kube-bench report over 100 MiB uncompressed: 413 as a body and as a file part', async () => {
    // 101 MiB of whitespace inside a kube-bench shape: about 100 KB on the wire
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"Controls":['), Buffer.alloc(101 * MiB, ' '), Buffer.from(']}')]))
    expect(bomb.length).toBeLessThan(MiB)
    const before = await countScans()
    const asBody = uniqueSlug('phostile')
    const body = await uploadScan(token, bomb, { service: asBody }, { 'content-encoding': 'gzip', 'content-type': 'application/json' })
    expect(body.status).toBe(413)
    const asPart = uniqueSlug('phostile')
    const part = await sendScan(token, scanForm([['service', asPart], ['file', bomb, 'kube-bench.json.gz']]))
    expect(part.status).toBe(413)
    expect(await countScans()).toBe(before)
    expect([await serviceExists(asBody), await serviceExists(asPart)]).toEqual([false, false])
  }, 60_000)
})
