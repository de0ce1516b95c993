import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parseScanStream, type ScanBody } from '@/lib/compliance/parse-scan'
import { vulnerabilityExposure, vulnerabilityGrade } from '@/lib/compliance/compliance-score'
import { AppError } from '@/lib/http/app-error'
import { hostileXml } from '@/lib/compliance/testing/hostile-xml'

const dir = path.join(import.meta.dirname, 'fixtures/scanners')
const fixture = (file: string) => readFileSync(path.join(dir, file))

async function* chunks(buf: Buffer, size = 4096) {
  for (let i = 0; i < buf.length; i += size) yield new Uint8Array(buf.subarray(i, i + size))
}
const parse = (buf: Buffer | string, options = {}) => parseScanStream(chunks(Buffer.from(buf)), options)
const vulns = (body: ScanBody) => {
  if (body.scan.kind !== 'vulnerability') throw new Error('expected a vulnerability report')
  return body.scan.report
}

const reports = ['trivy', 'grype'].flatMap((d) => readdirSync(path.join(dir, d)).map((f) => `${d}/${f}`))

describe('every scanner report in fixtures/scanners parses', () => {
  it.each(reports)('%s', async (file) => {
    const report = vulns(await parse(fixture(file)))
    expect(report.format).toBe(file.endsWith('.sarif') ? 'sarif' : file.split('/')[0])
    expect(report.findings.length).toBeGreaterThan(0)
    for (const f of report.findings) expect(f.vulnerabilityId).toMatch(/^CVE-\d{4}-\d+$/)
  })
})

// V values of the reference's worked examples (docs/compliance.md)
describe('vulnerability exposure V and grade', () => {
  it.each([
    ['trivy/debian-buster.json', 66.39, 'E'],
    ['trivy/debian-stretch.json', 70.18, 'C'],
    ['trivy/centos-7.json', 88.4, 'C'],
    ['trivy/alpine-310.json', 71.43, 'C'],
    ['trivy/alpine-310.sarif', 71.43, 'C'],
    ['trivy/distroless-base.json', 90.91, 'B'],
    ['grype/image.json', 86.96, 'E'],
  ])('%s: V %s, grade %s', async (file, v, grade) => {
    const { findings } = vulns(await parse(fixture(file)))
    expect(vulnerabilityExposure(findings)).toBeCloseTo(v, 2)
    expect(vulnerabilityGrade(findings)).toBe(grade)
  })

  it.each([
    ['trivy/alpine-310.json', 'trivy/alpine-310.sarif'],
    ['grype/image.json', 'grype/image.sarif'],
  ])('%s and %s (the same scan) give the same V', async (jsonFile, sarifFile) => {
    const a = vulns(await parse(fixture(jsonFile))).findings
    const b = vulns(await parse(fixture(sarifFile))).findings
    expect(vulnerabilityExposure(b)).toBe(vulnerabilityExposure(a))
    const key = (f: (typeof a)[number]) => `${f.vulnerabilityId} ${f.packageName} ${f.installedVersion} ${f.severity} ${f.fixable}`
    expect(b.map(key).sort()).toEqual(a.map(key).sort())
  })

  it('reads fields the uploader does not have to name', async () => {
    const trivy = vulns(await parse(fixture('trivy/debian-buster.json')))
    expect(trivy.scanner.name).toBe('trivy')
    expect(trivy.scannedAt).toBeInstanceOf(Date)
    const grype = vulns(await parse(fixture('grype/image.json')))
    expect(grype.findings.find((f) => f.vulnerabilityId === 'CVE-1999-0002')).toMatchObject({ severity: 'critical', fixable: false, knownExploited: true })
  })
})

describe('bodies', () => {
  it('gives the same content hash for a gzipped and a plain body', async () => {
    const plain = await parse(fixture('trivy/npm.json'))
    const gzipped = await parse(gzipSync(fixture('trivy/npm.json')))
    expect(gzipped.contentHash).toBe(plain.contentHash)
    expect(gzipped.bytes).toBe(fixture('trivy/npm.json').length)
  })

  it('parses the OpenSCAP fixtures gzipped as they are, in small chunks', async () => {
    const body = await parseScanStream(chunks(readFileSync(path.join(import.meta.dirname, 'fixtures/openscap/standard-deb12/arf.xml.gz')), 1000), { gzip: true })
    expect(body.scan).toMatchObject({ kind: 'config', format: 'arf', summary: { scores: { default: { score: '75.000000' } } } })
  })
})

const undefinedEntity = `<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="x"><title>&xxe;</title></Benchmark>`
const truncated = readFileSync(path.join(import.meta.dirname, 'fixtures/openscap/standard-deb12/xccdf-results.xml.gz'))

const refusedBodies: [string, string | Buffer, RegExp][] = [
  ...hostileXml.map(([name, body]): [string, string, RegExp] => [name, body, /DOCTYPE/]),
  ['an undefined entity', undefinedEntity, /not well-formed.*undefined entity/i],
  ['truncated XML', truncated.subarray(0, truncated.length / 2), /gzip|not well-formed/],
  ['a wrong root element', '<html><body/></html>', /Unexpected XML root element <html>/],
  ['XCCDF 1.1', '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1"/>', /XCCDF 1.1/],
  ['OVAL results only', '<oval_results xmlns="http://oval.mitre.org/XMLSchema/oval-results-5"><results/></oval_results>',
    /OVAL results file.*Upload the XCCDF results.*oscap xccdf eval --profile/],
  ['a Benchmark without a TestResult', '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b"/>', /no TestResult/],
  ['JSON of an unknown shape', '{"hello":"world"}', /unknown shape/],
  ['Trivy JSON of the wrong shape', '{"SchemaVersion":2,"Results":[{"Target":5}]}', /Results\.0\.Target/],
  ['truncated JSON', fixture('trivy/npm.json').subarray(0, 500), /Malformed or truncated JSON/],
  ['plain text', 'hello', /neither XML/],
  ['an empty body', '   ', /empty/],
]

describe('refused bodies', () => {
  it.each(refusedBodies)('%s', async (_name, body, message) => {
    const err = await parse(body).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toMatch(message)
  })

  it('refuses a body over the limit without reading it all', async () => {
    const err = await parse(fixture('trivy/npm.json'), { limit: 1000 }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
  })

  it('refuses a named format the body does not have', async () => {
    await expect(parse(fixture('trivy/npm.json'), { format: 'arf' })).rejects.toThrow(/OpenSCAP results are XML/)
  })
})
