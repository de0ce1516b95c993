import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { countScans, scanForm, sendScan, type FormPart } from '@/lib/compliance/testing/scan-form'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { hostileXml } from '@/lib/compliance/testing/hostile-xml'

// POST /api/v1/scans as a multipart/form-data upload (file + fields), through the route handler against PostgreSQL.
const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', file))
const DIGEST = `sha256:${'ab'.repeat(32)}`
let token: string

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'scan-form')).token
})

type Part = FormPart
const form = scanForm
const send = (body: BodyInit, query: Record<string, string> = {}, headers: Record<string, string> = {}) => sendScan(token, body, query, headers)
const scanCount = countScans

describe('POST /api/v1/scans with a multipart form', () => {
  it('stores a gzipped ARF file part with the form fields, and knows it again when the same report comes as the body', async () => {
    const service = uniqueSlug('form-arf')
    const gz = fixture('openscap/standard-deb12/arf.xml.gz')
    const first = await send(form([
      ['service', service], ['environment', 'production'], ['image', 'registry.example/app'], ['digest', DIGEST],
      ['commit', 'A1B2C3D4E5F6'], ['scannedAt', '2026-05-01T10:00:00Z'], ['scanner', 'oscap'], ['scannerVersion', '1.3.7'],
      ['file', gz, 'arf.xml.gz'],
    ]))
    expect(first.status).toBe(201)
    expect(first.json.data).toMatchObject({
      service, environment: 'production', format: 'arf', grade: 'B', image: { name: 'registry.example/app', digest: DIGEST },
      commitSha: 'a1b2c3d4e5f6', scanner: { name: 'oscap', version: '1.3.7' }, scannedAt: '2026-05-01T10:00:00.000Z',
    })
    const again = await send(gz, { service }, { 'content-type': 'application/gzip' })
    expect([again.status, again.json.outcome, again.json.data.id]).toEqual([200, 'unchanged', first.json.data.id])
  })

  it('takes fields after the file, from the query string too, and a JSON report as a plain file part', async () => {
    const service = uniqueSlug('form-trivy')
    const res = await send(form([['file', fixture('scanners/trivy/debian-buster.json'), 'trivy.json'], ['format', 'trivy']]), { service })
    expect(res.status).toBe(201)
    expect(res.json.data).toMatchObject({ service, format: 'trivy', findings: 2 })
  })

  it.each<[string, Part[], Record<string, string>, number, string[]]>([
    ['no file part', [['service', 'x']], {}, 422, ['file']],
    ['no service', [['file', '{"matches":[]}', 'g.json']], {}, 422, ['service']],
    ['an unknown field', [['service', 'x'], ['sevice', 'y'], ['file', '{"matches":[]}', 'g.json']], {}, 422, ['sevice']],
    ['a bad digest', [['service', 'x'], ['digest', 'latest'], ['file', '{"matches":[]}', 'g.json']], {}, 422, ['digest']],
    ['a bad scannedAt', [['service', 'x'], ['scannedAt', 'yesterday'], ['file', '{"matches":[]}', 'g.json']], {}, 422, ['scannedAt']],
    ['a field sent twice', [['service', 'x'], ['service', 'y'], ['file', '{"matches":[]}', 'g.json']], {}, 422, ['service']],
    ['a field that disagrees with the query', [['service', 'x'], ['file', '{"matches":[]}', 'g.json']], { service: 'y' }, 422, ['service']],
    ['a file part under another name', [['service', 'x'], ['report', '{"matches":[]}', 'g.json']], {}, 422, ['report']],
    ['a format that is not the file\'s', [['service', 'x'], ['file', fixture('scanners/grype/image.json'), 'g.json'], ['format', 'sarif']], {}, 422, ['format']],
    ['a field longer than 1 KiB', [['service', 'x'], ['image', 'i'.repeat(2000)], ['file', '{"matches":[]}', 'g.json']], {}, 422, ['image']],
  ])('refuses %s, naming the field, and stores nothing', async (_name, parts, query, status, paths) => {
    const before = await scanCount()
    const res = await send(form(parts), query)
    expect(res.status).toBe(status)
    expect(res.json.error!.fields!.map((f) => f.path)).toEqual(paths)
    expect(await scanCount()).toBe(before)
  })

  it.each(hostileXml)('refuses %s in a file part with 422 and stores nothing', async (_name, xml) => {
    const before = await scanCount()
    const res = await send(form([['service', uniqueSlug('form-hostile')], ['file', xml, 'x.xml']]))
    expect(res.status).toBe(422)
    expect(res.json.error!.message).toMatch(/DOCTYPE/)
    expect(await scanCount()).toBe(before)
  })

  it('refuses a malformed form and a gzip Content-Encoding on a form', async () => {
    const broken = await send('--b\r\nContent-Disposition: form-data; name="service"\r\n\r\nx', {}, { 'content-type': 'multipart/form-data; boundary=b' })
    expect(broken.status).toBe(400)
    const noBoundary = await send('service=x', {}, { 'content-type': 'multipart/form-data' })
    expect([noBoundary.status, noBoundary.json.error!.message]).toEqual([400, expect.stringMatching(/multipart/)])
    const encoded = await send(form([['service', 'x'], ['file', '{}', 'a.json']]), {}, { 'content-encoding': 'gzip' })
    expect(encoded.status).toBe(415)
  })

  it('stops reading an oversized form at the limit (413) without holding it', async () => {
    const boundary = 'limit-test'
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="service"\r\n\r\n`)
    const chunk = new Uint8Array(1024 * 1024).fill(0x61)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = sent === 0 ? head : chunk
        sent += next.byteLength
        controller.enqueue(next)
      },
    })
    const res = await send(body, {}, { 'content-type': `multipart/form-data; boundary=${boundary}` })
    expect(res.status).toBe(413)
    expect(sent).toBeLessThan(104 * 1024 * 1024)
  })
})
