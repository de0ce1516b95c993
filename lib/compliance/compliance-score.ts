import type { Finding, Severity } from '@/lib/compliance/findings'

// The compliance score, version v1 (docs/compliance.md): configuration compliance C from the XCCDF
// flat model, vulnerability exposure V from the de-duplicated findings, headline S = sqrt(C x V), and
// an A-E grade. Stored with every scan so history can be recomputed when the formula changes.
export const FORMULA_VERSION = 'v1'

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

export type ComplianceScore = {
  formulaVersion: string
  c: number | null
  v: number | null
  s: number | null
  grade: Grade | null
  // the configuration scan had nothing scored or scanner errors: never shown as compliant
  broken: boolean
}

// S from the latest configuration scan's and the latest vulnerability scan's components (either may
// be missing): sqrt(C x V), or the one that exists; the grade is the worse of the two.
export function combineComponents(config: ScoreComponent | null, vuln: ScoreComponent | null): ComplianceScore {
  const c = config?.score ?? null
  const v = vuln?.score ?? null
  const broken = Boolean(config?.broken || vuln?.broken)
  const grades = [config?.grade, vuln?.grade].filter((g): g is Grade => Boolean(g))
  const s = c !== null && v !== null ? Math.sqrt(c * v) : (v ?? c)
  return { formulaVersion: FORMULA_VERSION, c, v, s: broken ? null : s, grade: broken || grades.length === 0 ? null : grades.reduce(worse), broken }
}

export function complianceScore(config: ConfigInput | null, vulns: VulnFinding[] | null): ComplianceScore {
  return combineComponents(config ? configComponent(config) : null, vulns ? vulnerabilityComponent(vulns) : null)
}
