import type { z } from 'zod'
import { normalizeSeverity, parseDate, severityFromScore } from '@/lib/compliance/findings'
import type { PostureCheck, PostureReport } from '@/lib/compliance/posture'
import { inferredRuns } from '@/lib/compliance/posture-matrix'
import type { checkovReportSchema, kicsReportSchema, kubeBenchReportSchema, kubescapeReportSchema } from '@/lib/validation/posture-scans'

// kube-bench: one workload per node type (master, etcd, controlplane, node, policies). WARN (manual
// checks) and INFO are neither pass nor fail; Totals are the file's own (a cut-down report lists fewer).
export function fromKubeBench(report: z.infer<typeof kubeBenchReportSchema>): PostureReport {
  const checks: PostureCheck[] = report.Controls.flatMap((control) =>
    (control.tests ?? []).flatMap((test) => (test.results ?? []).flatMap((r): PostureCheck[] => {
      const status = r.status.toUpperCase()
      if (status !== 'PASS' && status !== 'FAIL') return []
      const family = `kube-bench:cis-${control.version ?? 'unknown'}`
      return [{ workload: control.node_type, family, checkId: r.test_number, title: r.test_desc, severity: null, status: status === 'PASS' ? 'pass' : 'fail' }]
    })))
  const t = report.Totals ?? {}
  return {
    format: 'kube-bench', scanner: { name: 'kube-bench', version: null }, scannedAt: null, target: null, checks, runs: [],
    counts: { pass: t.total_pass ?? 0, fail: t.total_fail ?? 0, warn: t.total_warn ?? 0, info: t.total_info ?? 0 },
  }
}

// Kubescape's scoreFactor (1-10) bands, as its own reports print severities
const kubescapeSeverity = (factor: number | null | undefined) => (factor == null ? null : severityFromScore(factor))

export function fromKubescape(report: z.infer<typeof kubescapeReportSchema>): PostureReport {
  const names = new Map((report.resources ?? []).map((r) => {
    const o = r.object
    // a binding's related objects have no metadata name: their resource id names them
    const name = o?.metadata?.name ? [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('/') : r.resourceID
    return [r.resourceID, name] as const
  }))
  const summary = report.summaryDetails?.controls ?? {}
  const checks = report.results.flatMap((result) => (result.controls ?? []).flatMap((c): PostureCheck[] => {
    const status = c.status?.status
    if (status !== 'passed' && status !== 'failed') return []
    return [{
      workload: names.get(result.resourceID) ?? result.resourceID, family: 'kubescape', checkId: c.controlID, title: c.name ?? c.controlID,
      severity: kubescapeSeverity(summary[c.controlID]?.scoreFactor), status: status === 'passed' ? 'pass' : 'fail',
    }]
  }))
  const counters = report.summaryDetails?.ResourceCounters ?? {}
  return {
    format: 'kubescape', scanner: { name: 'kubescape', version: null }, scannedAt: parseDate(report.generationTime),
    target: report.clusterName || null, checks, runs: [],
    counts: Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, v])),
  }
}

export function fromCheckov(reports: z.infer<typeof checkovReportSchema>): PostureReport {
  const checks = reports.flatMap((r) => {
    const family = `checkov:${r.check_type}`
    const of = (status: 'pass' | 'fail') => (c: NonNullable<typeof r.results.passed_checks>[number]): PostureCheck => ({
      workload: c.resource || c.file_path || r.check_type, family, checkId: c.check_id, title: c.check_name ?? c.check_id,
      severity: c.severity ? normalizeSeverity(c.severity) : null, status,
    })
    return [...(r.results.passed_checks ?? []).map(of('pass')), ...(r.results.failed_checks ?? []).map(of('fail'))]
  })
  const sum = (k: 'passed' | 'failed' | 'skipped' | 'parsing_errors') => reports.reduce((n, r) => n + (r.summary?.[k] ?? 0), 0)
  return {
    format: 'checkov', scanner: { name: 'checkov', version: reports.find((r) => r.summary?.checkov_version)?.summary?.checkov_version ?? null },
    scannedAt: null, target: null, checks, runs: [],
    counts: { passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped'), parsing_errors: sum('parsing_errors') },
  }
}

// KICS lists failing queries only (see inferredRuns).
export function fromKics(report: z.infer<typeof kicsReportSchema>): PostureReport {
  const checks: PostureCheck[] = (report.queries ?? []).flatMap((q) => (q.files ?? []).map((f) => ({
    workload: f.file_name, family: `kics:${q.platform}`, checkId: q.query_id, title: q.query_name,
    severity: normalizeSeverity(q.severity), status: 'fail' as const,
  })))
  const runs = inferredRuns(checks)
  const counts = Object.fromEntries(Object.entries(report.severity_counters ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  return {
    format: 'kics', scanner: { name: 'kics', version: report.kics_version ?? null }, scannedAt: null, target: null, checks, runs,
    counts: { ...counts, total: report.total_counter ?? checks.length },
  }
}
