import type { z } from 'zod'
import { fromTrivy } from '@/lib/compliance/parse-trivy'
import { isConfigResult, k8sWorkload, trivyPostureReport } from '@/lib/compliance/parse-trivy-misconfig'
import type { ParsedScan } from '@/lib/compliance/parse-scan'
import { trivyConfigResultSchema, trivyK8sReportSchema } from '@/lib/validation/posture-scans'
import { trivyReportSchema } from '@/lib/validation/scans'

type Validate = <S extends z.ZodType>(schema: S, value: unknown) => z.infer<S>
type ConfigResult = { workload: string; kind?: string | null; result: z.infer<typeof trivyConfigResultSchema> }

const asObject = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

// A Trivy JSON report: `trivy image` (vulnerabilities), `trivy config` / `--scanners misconfig`
// (misconfigurations, one Result per file) or `trivy k8s` (per cluster resource). Only
// misconfigurations make a posture scan; only vulnerabilities, or both, a vulnerability scan that
// carries its misconfigurations too (uploaded with kind=posture, those are stored instead).
export function fromTrivyJson(value: unknown, validate: Validate): ParsedScan {
  const o = asObject(value)
  const k8s = 'ClusterName' in o || Array.isArray(o.Resources) || (Array.isArray(o.Misconfigurations) && !('Results' in o))
  let vulnResults: unknown[]
  let configResults: ConfigResult[]
  if (k8s) {
    const report = validate(trivyK8sReportSchema, value)
    const resources = [...(report.Vulnerabilities ?? []), ...(report.Misconfigurations ?? []), ...(report.Resources ?? [])]
    vulnResults = resources.flatMap((r) => (r.Results ?? []).filter((x) => !isConfigResult(asObject(x))))
    configResults = resources.flatMap((r) => (r.Results ?? []).filter((x) => isConfigResult(asObject(x)))
      .map((x) => ({ workload: k8sWorkload(r), kind: r.Kind, result: validate(trivyConfigResultSchema, x) })))
  } else {
    const results = Array.isArray(o.Results) ? o.Results : []
    vulnResults = results.filter((x) => !isConfigResult(asObject(x)))
    configResults = results.filter((x) => isConfigResult(asObject(x))).map((x) => {
      const result = validate(trivyConfigResultSchema, x)
      return { workload: result.Target, result }
    })
  }
  const meta = validate(trivyReportSchema, { ...o, Results: vulnResults })
  const vulnerabilities = fromTrivy(meta)
  if (configResults.length === 0) return { kind: 'vulnerability', format: 'trivy', report: vulnerabilities }
  const posture = trivyPostureReport(configResults, {
    version: meta.Trivy?.Version ?? null, createdAt: meta.CreatedAt, target: (typeof o.ClusterName === 'string' && o.ClusterName) || meta.ArtifactName || null,
  })
  // misconfigurations only: a posture scan, never a vulnerability scan with nothing found (V = 100)
  if (vulnerabilities.brokenReason) return { kind: 'posture', format: 'trivy', report: posture }
  return { kind: 'vulnerability', format: 'trivy', report: vulnerabilities, alsoPosture: posture }
}
