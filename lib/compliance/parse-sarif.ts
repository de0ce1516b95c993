import type { z } from 'zod'
import { dedupeFindings, normalizeSeverity, parseDate, severityFromScore, type Finding, type Severity, type VulnerabilityReport } from '@/lib/compliance/findings'
import type { sarifLogSchema } from '@/lib/validation/scans'

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
function toFinding(run: Run, result: NonNullable<Run['results']>[number]): Finding | null {
  if (result.kind && NOT_FINDINGS.has(result.kind)) return null
  const rules = run.tool.driver.rules ?? []
  const rule: Rule | undefined = (result.ruleIndex != null ? rules[result.ruleIndex] : undefined) ?? rules.find((r) => r.id === result.ruleId)
  const texts = [result.message?.text, rule?.help?.text]
  const named = field(texts, 'Severity')
  const score = Number(rule?.properties?.['security-severity'])
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning'
  const severity = named ? normalizeSeverity(named) : Number.isFinite(score) && score > 0 ? severityFromScore(score) : (LEVEL_SEVERITY[level] ?? 'unknown')
  const fixedVersion = field(texts, 'Fixed Version', 'Fix Version') || null
  // both scanners start the text with "Vulnerability <id>"; Grype's rule ids append the package
  const id = texts.map((t) => t && /^Vulnerability\s+(\S+)/m.exec(t)?.[1]).find(Boolean) ?? result.ruleId ?? rule?.id ?? 'unknown'
  return {
    vulnerabilityId: id,
    packageName: field(texts, 'Package') ?? '',
    installedVersion: field(texts, 'Installed Version', 'Version') ?? '',
    target: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
    severity,
    fixable: fixedVersion !== null,
    fixedVersion,
    title: rule?.shortDescription?.text ?? null,
    knownExploited: false,
  }
}

export function fromSarif(log: SarifLog): VulnerabilityReport {
  const findings = log.runs.flatMap((run) => (run.results ?? []).map((r) => toFinding(run, r)).filter((f): f is Finding => f !== null))
  const driver = log.runs[0]?.tool.driver
  return {
    format: 'sarif',
    scanner: { name: driver?.name.toLowerCase() ?? null, version: driver?.semanticVersion ?? driver?.version ?? null },
    image: { name: null, digest: null },
    scannedAt: parseDate(log.runs[0]?.invocations?.[0]?.endTimeUtc),
    findings: dedupeFindings(findings),
  }
}
