import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST } from '@/app/api/v1/scans/route'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// Runs the real oscap (apt: openscap-scanner ssg-debian ssg-base, installed by .ci/run) against this
// machine, uploads its output through POST /api/v1/scans and compares with the scores oscap wrote.
// No silent skip: without oscap this fails, unless PLIMSOLL_SKIP_OSCAP=1 says so explicitly.
const SSG = '/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml'
const PROFILE = 'xccdf_org.ssgproject.content_profile_standard'
const skip = process.env.PLIMSOLL_SKIP_OSCAP === '1'
const dir = mkdtempSync(path.join(tmpdir(), 'plimsoll-oscap-'))
let token: string

type Scores = Record<string, { score: string; maximum: string }>

// SSG 0.1.65 has no Debian 12 content and declares no scoring model: widen the Debian 11 CPE check to
// 11 and 12, and declare the four models (one per line: oscap 1.3.7 skips a <model> that directly
// follows another on the same line).
function patchedDataStream(): string {
  const models = ['default', 'flat', 'flat-unweighted', 'absolute'].map((m) => `<xccdf-1.2:model system="urn:xccdf:scoring:${m}"/>\n      `).join('')
  const ds = readFileSync(SSG, 'utf8').replaceAll('^11.[0-9]+$', '^1[12].[0-9]+$').replace('<xccdf-1.2:Profile ', `${models}<xccdf-1.2:Profile `)
  const file = path.join(dir, 'ssg-debian11-ds.models.xml')
  writeFileSync(file, ds)
  return file
}

function runOscap(dataStream: string, name: string) {
  const results = path.join(dir, `${name}-results.xml`)
  const arf = path.join(dir, `${name}-arf.xml`)
  const run = spawnSync('oscap', ['xccdf', 'eval', '--profile', PROFILE, '--results', results, '--results-arf', arf, dataStream], { encoding: 'utf8', maxBuffer: 64 << 20 })
  // 0: all passed, 2: a rule failed; anything else is a tool error
  if (run.status !== 0 && run.status !== 2) throw new Error(`oscap exited ${run.status}: ${run.stderr}`)
  return { results: readFileSync(results), arf: readFileSync(arf) }
}

// oscap's own <score> elements, read without our parser
function oscapScores(xml: string): Scores {
  const scores: Scores = {}
  for (const m of xml.matchAll(/<score system="urn:xccdf:scoring:([a-z-]+)" maximum="([\d.]+)">([\d.]+)<\/score>/g)) scores[m[1]!] = { score: m[3]!, maximum: m[2]! }
  return scores
}

async function upload(body: Uint8Array, headers: Record<string, string> = {}) {
  const req = new Request(`http://localhost/api/v1/scans?service=${uniqueSlug('oscap')}&environment=production`, {
    method: 'POST', body: body as BodyInit, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', ...headers },
  })
  const res = await POST(req, { params: Promise.resolve({}) })
  return { status: res.status, data: ((await res.json()) as { data: Record<string, any> }).data }
}

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'oscap')).token
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(skip)('the real oscap on this machine, uploaded through POST /api/v1/scans', () => {
  it('oscap is installed (apt-get install openscap-scanner ssg-debian ssg-base; .ci/run does it)', () => {
    expect(spawnSync('oscap', ['--version']).status, 'oscap is not on PATH').toBe(0)
    expect(() => readFileSync(SSG, { flag: 'r' }).subarray(0, 1), `${SSG} is missing (ssg-debian)`).not.toThrow()
  })

  it('gives oscap\'s four scores for its --results and --results-arf files, also with the scores removed', async () => {
    const { results, arf } = runOscap(patchedDataStream(), 'models')
    const expected = oscapScores(results.toString('utf8'))
    expect(Object.keys(expected).sort()).toEqual(['absolute', 'default', 'flat', 'flat-unweighted'])
    expect(oscapScores(arf.toString('utf8'))).toEqual(expected)
    const stripped = Buffer.from(results.toString('utf8').replace(/<score\b[^>]*>[^<]*<\/score>/g, ''))
    for (const [body, headers] of [[gzipSync(results), { 'content-encoding': 'gzip' }], [arf, {}], [stripped, {}]] as const) {
      const res = await upload(body, headers)
      expect(res.status).toBe(201)
      expect(res.data.xccdfScores).toEqual(expected)
      expect(res.data.scoreMismatch).toBe(false)
      const flat = expected.flat!
      if (Number(flat.maximum) > 0) expect(res.data.score).toBeCloseTo((100 * Number(flat.score)) / Number(flat.maximum), 6)
    }
  }, 180_000)

  it('flags the stock Debian 11 content on this machine as a broken scan when nothing is scored', async () => {
    const { results } = runOscap(SSG, 'stock')
    const expected = oscapScores(results.toString('utf8'))
    const res = await upload(results)
    expect(res.data.xccdfScores.default).toEqual(expected.default)
    if (res.data.scoredRules === 0) expect(res.data).toMatchObject({ broken: true, score: null, grade: null })
    else expect(res.data.broken).toBe(false)
  }, 180_000)
})

if (skip) {
  describe('the real oscap', () => {
    it.skip('skipped because PLIMSOLL_SKIP_OSCAP=1', () => undefined)
  })
}
