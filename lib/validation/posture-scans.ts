import { z } from 'zod'
import { boundedArray } from '@/lib/validation/bounded-array'
import { SCAN_JSON_LIMITS } from '@/lib/compliance/scan-limits'
import { slugSchema } from '@/lib/validation/common'

// Posture scanner report shapes: only the fields we read are required; everything else passes through.
const str = z.string()
const optStr = z.string().nullish()
const count = z.number().int().nonnegative()
const list = <T extends z.ZodType>(item: T) => boundedArray(item, SCAN_JSON_LIMITS.maxItems)

export const trivyMisconfigurationSchema = z.object({ ID: str, Title: optStr, Severity: optStr, Status: optStr, Message: optStr })
export const trivyConfigResultSchema = z.object({
  Target: str,
  Class: optStr,
  Type: optStr,
  MisconfSummary: z.object({ Successes: count.default(0), Failures: count.default(0) }).nullish(),
  Misconfigurations: list(trivyMisconfigurationSchema).nullish(),
})

// `trivy k8s --format json` (the report shape of Trivy before 0.50: ClusterName, Vulnerabilities[],
// Misconfigurations[], each per resource)
const trivyK8sResource = z.object({ Namespace: optStr, Kind: optStr, Name: optStr, Results: list(z.unknown()).nullish() })
export const trivyK8sReportSchema = z.object({
  ClusterName: optStr,
  Vulnerabilities: list(trivyK8sResource).nullish(),
  Misconfigurations: list(trivyK8sResource).nullish(),
  // Trivy >= 0.50 with --report all
  Resources: list(trivyK8sResource).nullish(),
})

// `kube-bench --json`
export const kubeBenchReportSchema = z.object({
  Controls: list(z.object({
    id: optStr,
    version: optStr,
    node_type: str,
    tests: list(z.object({
      results: list(z.object({ test_number: str, test_desc: z.string().default(''), status: str })).nullish(),
    })).nullish(),
  })),
  Totals: z.object({ total_pass: count, total_fail: count, total_warn: count, total_info: count }).partial().nullish(),
})

// `kubescape scan --format json` (formatVersion v2)
export const kubescapeReportSchema = z.object({
  generationTime: optStr,
  clusterName: optStr,
  summaryDetails: z.object({
    controls: z.record(z.string(), z.object({ name: optStr, scoreFactor: z.number().nullish() })).nullish(),
    ResourceCounters: z.record(z.string(), z.number()).nullish(),
  }).nullish(),
  resources: list(z.object({
    resourceID: str,
    object: z.object({ kind: optStr, metadata: z.object({ name: optStr, namespace: optStr }).nullish() }).nullish(),
  })).nullish(),
  results: list(z.object({
    resourceID: str,
    controls: list(z.object({ controlID: str, name: optStr, status: z.object({ status: optStr }).nullish() })).nullish(),
  })),
})

// `checkov -o json`: one object per check type, or a list of them
const checkovCheck = z.object({ check_id: str, check_name: optStr, resource: optStr, file_path: optStr, severity: optStr })
const checkovReport = z.object({
  check_type: str,
  results: z.object({ passed_checks: list(checkovCheck).nullish(), failed_checks: list(checkovCheck).nullish() }),
  summary: z.object({ passed: count, failed: count, skipped: count, parsing_errors: count, checkov_version: optStr }).partial().nullish(),
})
export const checkovReportSchema = z.union([checkovReport.transform((r) => [r]), list(checkovReport)])

// `kics scan --report-formats json`
export const kicsReportSchema = z.object({
  kics_version: optStr,
  queries_total: count.nullish(),
  total_counter: count.nullish(),
  severity_counters: z.record(z.string(), z.number()).nullish(),
  queries: list(z.object({
    query_id: str,
    query_name: str,
    severity: optStr,
    platform: z.string().default('Common'),
    files: list(z.object({ file_name: str })).nullish(),
  })).nullish(),
})

// GET /api/v1/posture
export const postureQuery = z.object({
  service: slugSchema,
  team: slugSchema.optional().describe('The service\'s team: needed only by a signed-in person when several of their teams have a service of this slug.'),
})
