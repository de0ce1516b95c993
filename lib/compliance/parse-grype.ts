import type { z } from 'zod'
import { dedupeFindings, normalizeSeverity, parseDate, type VulnerabilityReport } from '@/lib/compliance/findings'
import type { grypeReportSchema } from '@/lib/validation/scans'

// `grype <image> -o json`
export function fromGrype(report: z.infer<typeof grypeReportSchema>): VulnerabilityReport {
  const findings = report.matches.map(({ vulnerability: v, artifact: a }) => ({
    vulnerabilityId: v.id,
    packageName: a.name,
    installedVersion: a.version,
    target: a.locations?.[0]?.path ?? '',
    severity: normalizeSeverity(v.severity),
    fixable: v.fix?.state === 'fixed',
    fixedVersion: v.fix?.versions?.length ? v.fix.versions.join(', ') : null,
    title: v.description ?? null,
    knownExploited: (v.knownExploited?.length ?? 0) > 0,
  }))
  const target = (report.source?.target ?? {}) as { userInput?: unknown; manifestDigest?: unknown; imageID?: unknown }
  const text = (x: unknown) => (typeof x === 'string' && x ? x : null)
  return {
    format: 'grype',
    scanner: { name: report.descriptor?.name ?? 'grype', version: report.descriptor?.version ?? null },
    image: { name: text(target.userInput), digest: text(target.manifestDigest) ?? text(target.imageID) },
    scannedAt: parseDate(report.descriptor?.timestamp),
    findings: dedupeFindings(findings),
    brokenReason: null,
  }
}
