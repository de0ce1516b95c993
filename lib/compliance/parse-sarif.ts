import type { z } from 'zod'
import { dedupeFindings, normalizeSeverity, parseDate, severityFromScore, type Finding, type Severity, type VulnerabilityReport } from '@/lib/compliance/findings'
import type { sarifLogSchema } from '@/lib/validation/scans'
import { normalizeTrivyId, trivyFamily } from '@/lib/compliance/posture-controls'
import type { PostureCheck, PostureReport } from '@/lib/compliance/posture'
import { inferredRuns } from '@/lib/compliance/posture-matrix'

type SarifLog = z.infer<typeof sarifLogSchema>
type Run = SarifLog['runs'][number]
type Rule = NonNullable<Run['tool']['driver']['rules']>[number]

const LEVEL_SEVERITY: Record<string, Severity> = { error: 'high', warning: 'medium', note: 'low', none: 'negligible' }
const NOT_FINDINGS = new Set(['pass', 'notApplicable', 'informational'])

// "Key: value" lines of Trivy's and Grype's SARIF messages and rule help texts
function field(texts: (string | null | undefined)[], ...keys: string[]): string | null {
  for (const text of texts) {
    if (!text) continue
    for (const key of keys) {
      const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text)
      if (m) return m[1]!.trim()
    }
  }
  return null
}

// SARIF 2.1.0 from `trivy -f sarif` or `grype -o sarif`: severity and fix only exist as text, so read
// "Severity:" and "Fix(ed) Version:" first, then `security-severity`, then the result's level.
type Result = NonNullable<Run['results']>[number]
const ruleOf = (run: Run, result: Result): Rule | undefined => {
  const rules = run.tool.driver.rules ?? []
  return (result.ruleIndex != null ? rules[result.ruleIndex] : undefined) ?? rules.find((r) => r.id === result.ruleId)
}

function severityOf(result: Result, rule: Rule | undefined): Severity {
  const named = field([result.message?.text, rule?.help?.text], 'Severity')
  const score = Number(rule?.properties?.['security-severity'])
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning'
  return named ? normalizeSeverity(named) : Number.isFinite(score) && score > 0 ? severityFromScore(score) : (LEVEL_SEVERITY[level] ?? 'unknown')
}

// Trivy's misconfiguration rules are named "Misconfiguration", their help starts "Misconfiguration <ID>"
// and they are tagged "misconfiguration" (its results' messages still say "Vulnerability <ID>").
function isMisconfiguration(rule: Rule | undefined): boolean {
  const tags = rule?.properties?.tags
  return rule?.name === 'Misconfiguration' || /^Misconfiguration\s/.test(rule?.help?.text ?? '') ||
    (Array.isArray(tags) && tags.includes('misconfiguration'))
}

const isFinding = (result: Result) => !(result.kind && NOT_FINDINGS.has(result.kind))
const uriOf = (result: Result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''

function toFinding(run: Run, result: Result): Finding | null {
  if (!isFinding(result)) return null
  const rule = ruleOf(run, result)
  if (isMisconfiguration(rule)) return null
  const texts = [result.message?.text, rule?.help?.text]
  const severity = severityOf(result, rule)
  const fixedVersion = field(texts, 'Fixed Version', 'Fix Version') || null
  // both scanners start the text with "Vulnerability <id>"; Grype's rule ids append the package
  const id = texts.map((t) => t && /^Vulnerability\s+(\S+)/m.exec(t)?.[1]).find(Boolean) ?? result.ruleId ?? rule?.id ?? 'unknown'
  return {
    vulnerabilityId: id,
    packageName: field(texts, 'Package') ?? '',
    installedVersion: field(texts, 'Installed Version', 'Version') ?? '',
    target: uriOf(result),
    severity,
    fixable: fixedVersion !== null,
    fixedVersion,
    title: rule?.shortDescription?.text ?? null,
    knownExploited: false,
  }
}

// A vulnerability scan that lists something, but no vulnerability (code scanning, a linter) or
// nothing at all (no run) holds nothing of its kind.
function emptyReason(log: SarifLog, findings: Finding[]): string | null {
  if (log.runs.length === 0) return 'The SARIF log has no run: the scanner did not report.'
  const listed = log.runs.reduce((n, run) => n + (run.results ?? []).filter(isFinding).length, 0)
  const vulnerabilityLike = (f: Finding) => /^(CVE|GHSA|GO|PYSEC|RUSTSEC|OSV|ALAS|DSA|RHSA|ELSA|USN)-/i.test(f.vulnerabilityId) || f.packageName !== ''
  if (listed > 0 && !findings.some(vulnerabilityLike)) return 'No result of the SARIF log names a vulnerability of a package (a code scanning or linter log?).'
  return null
}

// The misconfiguration results of a SARIF log (Trivy `config -f sarif`), each under its file.
export function sarifPosture(log: SarifLog): PostureReport | null {
  const checks: PostureCheck[] = []
  for (const run of log.runs) {
    const trivy = run.tool.driver.name.toLowerCase() === 'trivy'
    for (const result of run.results ?? []) {
      const rule = ruleOf(run, result)
      if (!isFinding(result) || !isMisconfiguration(rule)) continue
      const raw = result.ruleId ?? rule?.id ?? 'unknown'
      const checkId = trivy ? normalizeTrivyId(raw) : raw
      checks.push({
        workload: uriOf(result) || 'unknown', family: trivy ? trivyFamily(checkId) : run.tool.driver.name.toLowerCase(), checkId,
        title: rule?.shortDescription?.text ?? checkId, severity: severityOf(result, rule), status: 'fail',
      })
    }
  }
  if (checks.length === 0) return null
  const runs = inferredRuns(checks)
  const driver = log.runs[0]?.tool.driver
  return {
    format: 'sarif', scanner: { name: 'trivy', version: driver?.semanticVersion ?? driver?.version ?? null },
    scannedAt: parseDate(log.runs[0]?.invocations?.[0]?.endTimeUtc), target: null, checks, runs, counts: { failures: checks.length },
  }
}

export function fromSarif(log: SarifLog): VulnerabilityReport {
  const findings = log.runs.flatMap((run) => (run.results ?? []).map((r) => toFinding(run, r)).filter((f): f is Finding => f !== null))
  const driver = log.runs[0]?.tool.driver
  return {
    brokenReason: emptyReason(log, findings),
    format: 'sarif',
    scanner: { name: driver?.name.toLowerCase() ?? null, version: driver?.semanticVersion ?? driver?.version ?? null },
    image: { name: null, digest: null },
    scannedAt: parseDate(log.runs[0]?.invocations?.[0]?.endTimeUtc),
    findings: dedupeFindings(findings),
  }
}
