import type { z } from 'zod'
import { normalizeSeverity, parseDate } from '@/lib/compliance/findings'
import { isMapped, normalizeTrivyId, trivyFamily } from '@/lib/compliance/posture-controls'
import type { PostureCheck, PostureReport, PostureRun } from '@/lib/compliance/posture'
import type { trivyConfigResultSchema } from '@/lib/validation/posture-scans'

type ConfigResult = z.infer<typeof trivyConfigResultSchema>

// Trivy lists failed checks only (without --include-non-failures) and counts the successes per file:
// the file's type says which family of checks ran on it, so a control of that family without a failure
// passed. Only on a workload: a Service or a Role "passes" the workload checks vacuously, so a
// Kubernetes file counts as one when its resource kind is a workload's or one of its failures is a
// workload control's, and a Dockerfile always does.
const FAMILY_OF_TYPE: Record<string, string> = { kubernetes: 'trivy:KSV', helm: 'trivy:KSV', dockerfile: 'trivy:DS' }
const WORKLOAD_KINDS = new Set(['pod', 'deployment', 'statefulset', 'daemonset', 'replicaset', 'replicationcontroller', 'job', 'cronjob'])

// A result holds misconfiguration checks (`trivy config`, `trivy k8s`, `--scanners misconfig`).
export const isConfigResult = (r: { Class?: string | null; MisconfSummary?: unknown; Misconfigurations?: unknown }) =>
  r.Class === 'config' || r.MisconfSummary != null || Array.isArray(r.Misconfigurations)

// The checks of Trivy results, each under the workload it looked at (the resource of `trivy k8s`, or
// the file of `trivy config`).
export function trivyChecks(results: { workload: string; kind?: string | null; result: ConfigResult }[]): Pick<PostureReport, 'checks' | 'runs' | 'counts'> {
  const checks: PostureCheck[] = []
  const runs: PostureRun[] = []
  const counts = { successes: 0, failures: 0 }
  for (const { workload, kind, result } of results) {
    counts.successes += result.MisconfSummary?.Successes ?? 0
    counts.failures += result.MisconfSummary?.Failures ?? 0
    const families = new Set<string>()
    const type = (result.Type ?? '').toLowerCase()
    const typed = FAMILY_OF_TYPE[type]
    const isWorkload = type === 'dockerfile' || WORKLOAD_KINDS.has((kind ?? '').toLowerCase())
    if (typed && isWorkload && (result.MisconfSummary?.Successes ?? 0) > 0) families.add(typed)
    for (const m of result.Misconfigurations ?? []) {
      const checkId = normalizeTrivyId(m.ID)
      const family = trivyFamily(checkId)
      if (isMapped(family, checkId)) families.add(family)
      // PASS entries exist with --include-non-failures; EXCEPTION ones are waived by the user
      const status = (m.Status ?? 'FAIL').toUpperCase()
      if (status !== 'FAIL' && status !== 'PASS') continue
      checks.push({ workload, family, checkId, title: m.Title ?? checkId, severity: normalizeSeverity(m.Severity), status: status === 'PASS' ? 'pass' : 'fail' })
    }
    for (const family of families) runs.push({ workload, family, passed: result.MisconfSummary?.Successes ?? 0 })
  }
  return { checks, runs, counts }
}

export function trivyPostureReport(
  results: { workload: string; kind?: string | null; result: ConfigResult }[],
  meta: { version: string | null; createdAt: unknown; target: string | null },
): PostureReport {
  return {
    format: 'trivy',
    scanner: { name: 'trivy', version: meta.version },
    scannedAt: parseDate(meta.createdAt),
    target: meta.target,
    ...trivyChecks(results),
  }
}

// Kind/namespace/name of a `trivy k8s` resource
export const k8sWorkload = (r: { Kind?: string | null; Namespace?: string | null; Name?: string | null }) =>
  [r.Kind, r.Namespace, r.Name].filter(Boolean).join('/')
