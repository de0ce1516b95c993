import type { Severity } from '@/lib/compliance/findings'

// A workload posture scan (Trivy misconfiguration, kube-bench, Kubescape, Checkov, KICS) as every
// format is normalised to, before the controls matrix and P are computed.

export const postureFormats = ['trivy', 'sarif', 'kube-bench', 'kubescape', 'checkov', 'kics'] as const
export type PostureFormat = (typeof postureFormats)[number]

// The scanner's own family of a check id, as the control table names it (lib/compliance/posture-controls.ts)
export type PostureScanner = 'trivy' | 'kube-bench' | 'kubescape' | 'checkov' | 'kics'

export type PostureCheck = {
  // the workload or resource the check looked at: Kind/namespace/name, a file, a kube-bench node type
  workload: string
  // e.g. trivy:KSV, kube-bench:cis-1.6, kubescape, checkov:kubernetes, kics:Kubernetes
  family: string
  checkId: string
  title: string
  // null: the format gives none (kube-bench, Checkov); the control's own severity is used
  severity: Severity | null
  status: 'pass' | 'fail'
}

// Scanners that list only failures (Trivy, KICS) say how many checks of a family ran on a workload:
// a mapped control with a check of that family and no failure there passed.
export type PostureRun = { workload: string; family: string; passed: number }

export type PostureReport = {
  format: PostureFormat
  scanner: { name: PostureScanner | string; version: string | null }
  scannedAt: Date | null
  // the cluster or the artifact scanned, when the report names one
  target: string | null
  checks: PostureCheck[]
  runs: PostureRun[]
  // the file's own totals (kube-bench Totals, Kubescape summary, Trivy MisconfSummary, Checkov summary):
  // a trimmed or cut-down report lists fewer results than it counts
  counts: Record<string, number>
}
