import type { Finding, Severity } from '@/lib/compliance/findings'

// The compliance score (docs/compliance.md): configuration compliance C from the XCCDF flat model,
// vulnerability exposure V from the de-duplicated findings, workload posture P from the controls
// matrix, and an A-E grade. v1: S = sqrt(C x V); v2 (issue 23): S = the geometric mean of the
// components a service has (C, V, P), which is v1's S when there is no P. The version is stored
// with every scan, and each score says which formula made it, so v1 history stays recomputable.
export const FORMULA_VERSION = 'v2'
export const formulaVersions = ['v1', 'v2'] as const
export type FormulaVersion = (typeof formulaVersions)[number]

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E'
const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E']
const worse = (a: Grade, b: Grade): Grade => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b)

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 0.5, unknown: 1, negligible: 0.1 }
const UNFIXABLE_FACTOR = 0.25
const HALF_POINT = 20 // P at which V is 50

export type ConfigInput = { flatScore: number; flatMaximum: number; highSeverityFailed: boolean; broken: boolean }
export type VulnFinding = Pick<Finding, 'severity' | 'fixable' | 'knownExploited'>

// C: the weighted XCCDF pass rate; null (N/A) when nothing was scored
export function configCompliance(flatScore: number, flatMaximum: number): number | null {
  return flatMaximum > 0 ? (100 * flatScore) / flatMaximum : null
}

export function exposurePoints(findings: VulnFinding[]): number {
  return findings.reduce((p, f) => p + SEVERITY_WEIGHT[f.severity] * (f.fixable ? 1 : UNFIXABLE_FACTOR), 0)
}

// V in (0, 100]: 100 with no findings, halved at P = 20 (e.g. two fixable criticals), never 0
export function vulnerabilityExposure(findings: VulnFinding[]): number {
  return (100 * HALF_POINT) / (HALF_POINT + exposurePoints(findings))
}

export function vulnerabilityGrade(findings: VulnFinding[]): Grade {
  const any = (p: (f: VulnFinding) => boolean) => findings.some(p)
  if (any((f) => (f.fixable && f.severity === 'critical') || f.knownExploited)) return 'E'
  if (any((f) => f.fixable && f.severity === 'high')) return 'D'
  if (any((f) => (f.fixable && f.severity === 'medium') || f.severity === 'critical')) return 'C'
  return findings.length > 0 ? 'B' : 'A'
}

export function configGrade(c: number, highSeverityFailed: boolean): Grade {
  const grade: Grade = c >= 95 ? 'A' : c >= 90 ? 'B' : c >= 80 ? 'C' : c >= 70 ? 'D' : 'E'
  return highSeverityFailed ? worse(grade, 'C') : grade
}

// One scan's part of the score: C and the config grade, or V and the vulnerability grade.
export type ScoreComponent = { score: number | null; grade: Grade | null; broken: boolean }

export function configComponent(config: ConfigInput): ScoreComponent {
  const c = config.broken ? null : configCompliance(config.flatScore, config.flatMaximum)
  if (c === null) return { score: null, grade: null, broken: true }
  return { score: c, grade: configGrade(c, config.highSeverityFailed), broken: false }
}

export function vulnerabilityComponent(findings: VulnFinding[]): ScoreComponent {
  return { score: vulnerabilityExposure(findings), grade: vulnerabilityGrade(findings), broken: false }
}

// P's grade: the pass-rate bands of C, no better than C when a critical or high control fails
export function postureComponent(p: number | null, highSeverityFailed: boolean): ScoreComponent {
  if (p === null) return { score: null, grade: null, broken: true }
  return { score: p, grade: configGrade(p, highSeverityFailed), broken: false }
}

export type Coverage = { config: boolean; vulnerability: boolean; posture: boolean }

export type ComplianceScore = {
  formulaVersion: FormulaVersion
  c: number | null
  v: number | null
  p: number | null
  s: number | null
  grade: Grade | null
  // which components exist: "configuration and vulnerabilities scanned, posture not"
  coverage: Coverage
  // a component's latest scan had nothing scored or scanner errors: never shown as compliant
  broken: boolean
}

// sqrt and cbrt of the product: with two components exactly v1's sqrt(C x V)
function geometricMean(xs: number[]): number | null {
  const product = xs.reduce((a, x) => a * x, 1)
  return xs.length === 0 ? null : xs.length === 1 ? xs[0]! : xs.length === 2 ? Math.sqrt(product) : Math.cbrt(product)
}

// S from the latest configuration, vulnerability and posture scans' components (any may be missing):
// the geometric mean of those present (v1: C and V only), or null when one of them is broken; the
// grade is the worst of theirs.
export function combineComponents(config: ScoreComponent | null, vuln: ScoreComponent | null, posture: ScoreComponent | null = null,
  version: FormulaVersion = FORMULA_VERSION): ComplianceScore {
  const used = version === 'v1' ? [config, vuln] : [config, vuln, posture]
  const present = used.filter((x): x is ScoreComponent => x !== null)
  const broken = present.some((x) => x.broken)
  const grades = present.map((x) => x.grade).filter((g): g is Grade => Boolean(g))
  const scores = present.map((x) => x.score).filter((x): x is number => x !== null)
  const p = version === 'v1' ? null : (posture?.score ?? null)
  return {
    formulaVersion: version,
    c: config?.score ?? null,
    v: vuln?.score ?? null,
    p,
    s: broken ? null : geometricMean(scores),
    grade: broken || grades.length === 0 ? null : grades.reduce(worse),
    coverage: { config: config !== null, vulnerability: vuln !== null, posture: version !== 'v1' && posture !== null },
    broken,
  }
}

export function complianceScore(config: ConfigInput | null, vulns: VulnFinding[] | null): ComplianceScore {
  return combineComponents(config ? configComponent(config) : null, vulns ? vulnerabilityComponent(vulns) : null)
}

// "configuration and vulnerabilities scanned, posture not"
export function describeCoverage(c: Coverage): string {
  const names = [['configuration', c.config], ['vulnerabilities', c.vulnerability], ['posture', c.posture]] as const
  const yes = names.filter(([, x]) => x).map(([n]) => n)
  const no = names.filter(([, x]) => !x).map(([n]) => n)
  const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`)
  if (yes.length === 0) return 'nothing scanned'
  return no.length === 0 ? `${list(yes)} scanned` : `${list(yes)} scanned, ${list(no)} not`
}
