// A vulnerability finding as every scanner format is normalised to, before scoring and storage.

export const severities = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const
export type Severity = (typeof severities)[number]

export type Finding = {
  vulnerabilityId: string
  packageName: string
  installedVersion: string
  target: string
  severity: Severity
  fixable: boolean
  fixedVersion: string | null
  title: string | null
  knownExploited: boolean
}

export type VulnerabilityReport = {
  format: 'trivy' | 'grype' | 'sarif'
  scanner: { name: string | null; version: string | null }
  image: { name: string | null; digest: string | null }
  scannedAt: Date | null
  findings: Finding[]
  // the report holds nothing a vulnerability scan is made of (no package results, no run): no V
  brokenReason: string | null
}

export function normalizeSeverity(value: string | null | undefined): Severity {
  const s = (value ?? '').trim().toLowerCase()
  if (s === 'info' || s === 'informational' || s === 'none') return 'negligible'
  return (severities as readonly string[]).includes(s) ? (s as Severity) : 'unknown'
}

// GitHub code scanning's bands for SARIF `security-severity` (a CVSS-like score).
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical'
  if (score >= 7) return 'high'
  if (score >= 4) return 'medium'
  return score > 0 ? 'low' : 'unknown'
}

export const findingKey = (f: Pick<Finding, 'vulnerabilityId' | 'packageName' | 'installedVersion' | 'target'>) =>
  [f.vulnerabilityId, f.packageName, f.installedVersion, f.target].join('\u0000')

const SEVERITY_RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, unknown: 1, negligible: 0 }

// One finding per (vulnerability, package, installed version, target): a scanner may list the same one
// twice (e.g. from two layers); keep the worse severity and fixable if either is.
export function dedupeFindings(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>()
  for (const f of findings) {
    const key = findingKey(f)
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, f)
      continue
    }
    byKey.set(key, {
      ...seen,
      severity: SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity] ? f.severity : seen.severity,
      fixable: seen.fixable || f.fixable,
      fixedVersion: seen.fixedVersion ?? f.fixedVersion,
      knownExploited: seen.knownExploited || f.knownExploited,
    })
  }
  return [...byKey.values()]
}

export function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null
  const d = new Date(value)
  // Go's zero time (0001-01-01) means "unset" in these reports
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 ? null : d
}
