import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { XccdfStreamParser } from '@/lib/compliance/parse-xccdf'
import { summarizeXccdf } from '@/lib/compliance/summarize-xccdf'
import { formatCFloat } from '@/lib/compliance/c-float'
import type { ScoringModel } from '@/lib/compliance/xccdf-scoring'

const dir = path.join(import.meta.dirname, 'fixtures/openscap')
const read = (file: string) => gunzipSync(readFileSync(path.join(dir, file))).toString('utf8')

function parse(xml: string, chunk = 64 * 1024) {
  const parser = new XccdfStreamParser()
  for (let i = 0; i < xml.length; i += chunk) parser.write(xml.slice(i, i + chunk))
  return summarizeXccdf(parser.finish())
}

type Expected = Record<ScoringModel, [string, string]>
// oscap's own scores (value, maximum) from fixtures/openscap/README.md
const standard: Expected = { default: ['75.000000', '100.000000'], flat: ['17.000000', '18.000000'], 'flat-unweighted': ['17.000000', '18.000000'], absolute: ['0.000000', '18.000000'] }
const weighted: Expected = { default: ['34.482754', '100.000000'], flat: ['84.300003', '84.800003'], 'flat-unweighted': ['15.000000', '16.000000'], absolute: ['0.000000', '84.800003'] }
const notApplicable: Expected = { default: ['0.000000', '100.000000'], flat: ['0.000000', '0.000000'], 'flat-unweighted': ['0.000000', '0.000000'], absolute: ['1.000000', '0.000000'] }

const cases: [string, Expected, number][] = [
  ['standard-deb12/xccdf-results.xml.gz', standard, 18],
  ['standard-deb12/arf.xml.gz', standard, 18],
  ['weighted-tailored-deb12/xccdf-results.xml.gz', weighted, 16],
  ['weighted-tailored-deb12/arf.xml.gz', weighted, 16],
  ['all-notapplicable/xccdf-results.xml.gz', notApplicable, 0],
]

const stripScores = (xml: string) => xml.replace(/<score\b[^>]*>[^<]*<\/score>/g, '')

describe('oscap scoring models recomputed from the Benchmark and the rule-results', () => {
  it.each(cases)('%s gives oscap\'s scores', (file, expected, scored) => {
    const xml = read(file)
    const summary = parse(xml)
    for (const [model, [score, maximum]] of Object.entries(expected)) {
      expect(summary.scores[model as ScoringModel], model).toMatchObject({ score, maximum })
      expect(summary.fileScores[model as ScoringModel] ?? { score, maximum }, model).toEqual({ score, maximum })
    }
    expect(summary.mismatches).toEqual([])
    expect(summary.scoredRules).toBe(scored)
  })

  it.each(cases)('%s gives the same scores with its <score> elements removed', (file, expected) => {
    const stripped = stripScores(read(file))
    expect(stripped).not.toContain('<score ')
    const summary = parse(stripped, 7919)
    expect(summary.fileScores).toEqual({})
    for (const [model, [score, maximum]] of Object.entries(expected)) expect(summary.scores[model as ScoringModel]).toMatchObject({ score, maximum })
  })

  it('flags a file whose <score> differs from the recomputed one', () => {
    const xml = read('standard-deb12/xccdf-results.xml.gz').replace('>75.000000</score>', '>80.000000</score>')
    const summary = parse(xml)
    expect(summary.mismatches).toEqual(['default'])
    expect(summary.scores.default.score).toBe('75.000000')
  })

  it('keeps the CCE ids of failing rules (RHEL content carries them; these Debian files do not)', () => {
    const rule = 'idref="xccdf_org.ssgproject.content_rule_file_permissions_systemmap"'
    const xml = read('standard-deb12/xccdf-results.xml.gz').replace(new RegExp(`(<rule-result ${rule}[^>]*>)`), '$1<ident system="https://nvd.nist.gov/cce/index.cfm">CCE-90841-8</ident>')
    expect(parse(xml).failedRules[0]!.idents).toEqual(['CCE-90841-8'])
  })

  it('lists the failing rule with its severity', () => {
    const summary = parse(read('standard-deb12/xccdf-results.xml.gz'))
    expect(summary.failedRules).toEqual([expect.objectContaining({ ruleId: 'xccdf_org.ssgproject.content_rule_file_permissions_systemmap', result: 'fail' })])
    expect(summary.counts).toMatchObject({ pass: 17, fail: 1, notapplicable: 26, notselected: 311 })
  })
})

describe('formatCFloat prints like C printf("%f")', () => {
  it.each([
    [75, '75.000000'],
    [Math.fround(34.482754), '34.482754'],
    [Math.fround(84.3), '84.300003'],
    [0.0078125, '0.007812'], // a tie: half-to-even, where toFixed gives 0.007813
    [0.0234375, '0.023438'],
    [0.5, '0.500000'],
    [0, '0.000000'],
    [1e-7, '0.000000'],
    [123456789.5, '123456789.500000'],
    [-2.5, '-2.500000'],
  ])('%s -> %s', (x, expected) => expect(formatCFloat(x)).toBe(expected))
})
