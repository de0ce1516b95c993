import type { z } from 'zod'
import { dedupeFindings, normalizeSeverity, parseDate, type VulnerabilityReport } from '@/lib/compliance/findings'
import type { trivyReportSchema } from '@/lib/validation/scans'

// fixed: a fixed version exists; end_of_life: the distro is unsupported, re-basing the image fixes it
const FIXABLE_STATUS = new Set(['fixed', 'end_of_life'])

// A clean image still has its os-pkgs or lang-pkgs result, without Vulnerabilities; older reports
// have no Class.
const holdsPackages = (report: z.infer<typeof trivyReportSchema>) =>
  (report.Results ?? []).some((r) => r.Class === 'os-pkgs' || r.Class === 'lang-pkgs' || (r.Class == null && r.Vulnerabilities != null))

// `trivy image -f json` (SchemaVersion 2)
export function fromTrivy(report: z.infer<typeof trivyReportSchema>): VulnerabilityReport {
  const findings = (report.Results ?? []).flatMap((result) =>
    (result.Vulnerabilities ?? []).map((v) => ({
      vulnerabilityId: v.VulnerabilityID,
      packageName: v.PkgName,
      installedVersion: v.InstalledVersion,
      target: result.Target,
      severity: normalizeSeverity(v.Severity),
      // older reports have no Status: a fixed version is what makes it fixable
      fixable: v.Status ? FIXABLE_STATUS.has(v.Status) : Boolean(v.FixedVersion),
      fixedVersion: v.FixedVersion || null,
      title: v.Title ?? null,
      knownExploited: false,
    })),
  )
  const digest = report.Metadata?.RepoDigests?.[0]
  return {
    format: 'trivy',
    scanner: { name: 'trivy', version: report.Trivy?.Version ?? null },
    image: {
      name: report.Metadata?.RepoTags?.[0] ?? report.ArtifactName ?? null,
      digest: digest?.includes('@') ? digest.slice(digest.indexOf('@') + 1) : (report.Metadata?.ImageID ?? null),
    },
    scannedAt: parseDate(report.CreatedAt),
    findings: dedupeFindings(findings),
    brokenReason: holdsPackages(report) ? null
      : 'The Trivy report has no package results (no Result of class os-pkgs or lang-pkgs): nothing was scanned for vulnerabilities.',
  }
}
