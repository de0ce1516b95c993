import { describe, expect, it } from 'vitest'
import { complianceScore, configGrade, configCompliance, vulnerabilityExposure, vulnerabilityGrade, type VulnFinding } from '@/lib/compliance/compliance-score'

const f = (severity: VulnFinding['severity'], fixable = true, knownExploited = false): VulnFinding => ({ severity, fixable, knownExploited })
const config = (flatScore: number, flatMaximum: number, over = {}) => ({ flatScore, flatMaximum, highSeverityFailed: false, broken: false, ...over })

describe('C: the weighted XCCDF pass rate', () => {
  it.each([
    [17, 18, 94.444],
    [84.300003, 84.800003, 99.410],
    [0, 0, null],
    [0, 5, 0],
  ])('flat %s/%s -> %s', (s, m, c) => {
    const got = configCompliance(s, m)
    if (c === null) expect(got).toBeNull()
    else expect(got).toBeCloseTo(c, 3)
  })
})

describe('V: vulnerability exposure', () => {
  it.each([
    [[], 100],
    [[f('critical'), f('critical')], 50],
    [[f('critical'), f('low', false)], 66.39],
    [[f('negligible')], 99.5],
    [[f('high', false), f('unknown')], 89.89],
  ])('%j -> %s', (findings, v) => expect(vulnerabilityExposure(findings)).toBeCloseTo(v, 2))
})

describe('grades', () => {
  it.each([
    [[], 'A'],
    [[f('low', false)], 'B'],
    [[f('critical', false)], 'C'],
    [[f('medium')], 'C'],
    [[f('high')], 'D'],
    [[f('critical')], 'E'],
    [[f('low', false, true)], 'E'],
  ])('vulnerabilities %j -> %s', (findings, grade) => expect(vulnerabilityGrade(findings)).toBe(grade))

  it.each([
    [100, false, 'A'], [95, false, 'A'], [94.44, false, 'B'], [90, false, 'B'], [85, false, 'C'], [70, false, 'D'], [69.9, false, 'E'],
    [100, true, 'C'], [75, true, 'D'],
  ])('configuration C=%s (high-severity rule failed: %s) -> %s', (c, high, grade) => expect(configGrade(c, high)).toBe(grade))
})

describe('S and the combined grade', () => {
  it('is the geometric mean of C and V, graded by the worse of the two (the reference\'s worked example)', () => {
    const score = complianceScore(config(17, 18), [f('critical'), f('low', false)])
    expect(score.s).toBeCloseTo(79.2, 1)
    expect(score).toMatchObject({ grade: 'E', broken: false, formulaVersion: 'v2' })
  })

  it('is V without a configuration scan and C without a vulnerability report', () => {
    expect(complianceScore(null, [f('low')])).toMatchObject({ c: null, s: 2000 / 20.5, grade: 'B' })
    expect(complianceScore(config(17, 18), null)).toMatchObject({ v: null, grade: 'B' })
    expect(complianceScore(config(17, 18), null).s).toBeCloseTo(94.444, 3)
  })

  it.each([
    ['nothing scored (every rule notapplicable)', config(0, 0)],
    ['scanner errors', config(18, 18, { broken: true })],
  ])('a broken scan (%s) has no score and no grade, whatever V is', (_name, c) => {
    expect(complianceScore(c, [])).toMatchObject({ broken: true, s: null, grade: null })
  })
})
