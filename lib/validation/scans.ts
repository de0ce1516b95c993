import { z } from 'zod'
import { isoDateTime, shaSchema, slugSchema } from '@/lib/validation/common'
import { boundedArray } from '@/lib/validation/bounded-array'
import { SCAN_JSON_LIMITS } from '@/lib/compliance/scan-limits'

// Scanner report shapes: only the fields we read are required; everything else passes through.
const str = z.string()
const optStr = z.string().nullish()
// the scanner's lists of results and findings: at most as many items as the upload's JSON limit allows
const list = <T extends z.ZodType>(item: T) => boundedArray(item, SCAN_JSON_LIMITS.maxItems)

export const trivyReportSchema = z.object({
  SchemaVersion: z.number().optional(),
  CreatedAt: optStr,
  ArtifactName: optStr,
  Trivy: z.object({ Version: optStr }).nullish(),
  Metadata: z.object({ RepoDigests: z.array(str).nullish(), ImageID: optStr, RepoTags: z.array(str).nullish() }).nullish(),
  Results: list(z.object({
    Target: str,
    Class: optStr,
    Vulnerabilities: list(z.object({
      VulnerabilityID: str,
      PkgName: str,
      InstalledVersion: z.string().default(''),
      FixedVersion: optStr,
      Status: optStr,
      Severity: optStr,
      Title: optStr,
    })).nullish(),
  })).nullish(),
})

export const grypeReportSchema = z.object({
  matches: list(z.object({
    vulnerability: z.object({
      id: str,
      severity: optStr,
      description: optStr,
      fix: z.object({ state: optStr, versions: z.array(str).nullish() }).nullish(),
      knownExploited: z.array(z.unknown()).nullish(),
    }),
    artifact: z.object({ name: str, version: z.string().default(''), locations: z.array(z.object({ path: optStr })).nullish() }),
  })),
  source: z.object({ target: z.unknown() }).nullish(),
  descriptor: z.object({ name: optStr, version: optStr, timestamp: optStr }).nullish(),
})

const sarifMessage = z.object({ text: optStr }).nullish()
export const sarifLogSchema = z.object({
  version: z.literal('2.1.0', { error: 'SARIF version must be "2.1.0"' }),
  runs: list(z.object({
    tool: z.object({
      driver: z.object({
        name: str,
        version: optStr,
        semanticVersion: optStr,
        rules: list(z.object({
          id: str,
          name: optStr,
          shortDescription: sarifMessage,
          help: sarifMessage,
          defaultConfiguration: z.object({ level: optStr }).nullish(),
          properties: z.record(z.string(), z.unknown()).nullish(),
        })).nullish(),
      }),
    }),
    invocations: z.array(z.object({ endTimeUtc: optStr })).nullish(),
    results: list(z.object({
      ruleId: optStr,
      ruleIndex: z.number().int().nullish(),
      level: optStr,
      kind: optStr,
      message: sarifMessage,
      locations: z.array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: optStr }).nullish() }).nullish() })).nullish(),
    })).nullish(),
  })),
})

export const scanFormats = ['xccdf', 'arf', 'trivy', 'grype', 'sarif', 'kube-bench', 'kubescape', 'checkov', 'kics'] as const
export const scanKinds = ['config', 'vulnerability', 'posture'] as const

// POST /api/v1/scans query string
export const scanUploadQuery = z.object({
  service: slugSchema,
  environment: z.string().trim().min(1).max(100).optional(),
  format: z.enum(scanFormats).optional(),
  // a Trivy report with both vulnerabilities and misconfigurations is stored as one of the two
  kind: z.enum(['vulnerability', 'posture']).optional(),
  image: z.string().trim().min(1).max(500).optional(),
  digest: z.string().trim().regex(/^[a-z0-9]+:[a-f0-9]{32,}$/i, 'must look like sha256:<hex>').optional(),
  commit: shaSchema.optional(),
  scannedAt: isoDateTime.optional(),
  scanner: z.string().trim().min(1).max(100).optional(),
  scannerVersion: z.string().trim().min(1).max(100).optional(),
})
export type ScanUploadQuery = z.infer<typeof scanUploadQuery>

const modelScores = z.record(z.string(), z.object({ score: z.string(), maximum: z.string() })).nullable()

// The stored scan, as POST /api/v1/scans answers (documents the response in the OpenAPI document)
export const scanDtoSchema = z.object({
  id: z.number().int(),
  service: z.string(),
  environment: z.string().nullable(),
  kind: z.enum(scanKinds),
  format: z.enum(scanFormats),
  contentHash: z.string().describe('sha256 of the uncompressed report: the same report uploaded again is answered 200 unchanged'),
  sizeBytes: z.number().int(),
  scanner: z.object({ name: z.string().nullable(), version: z.string().nullable() }),
  image: z.object({ name: z.string().nullable(), digest: z.string().nullable() }),
  commitSha: z.string().nullable(),
  target: z.string().nullable().describe('what was scanned, as the report names it: the XCCDF TestResult\'s target host, or the cluster or artifact of a posture scan'),
  scannedAt: z.date(),
  receivedAt: z.date(),
  benchmark: z.object({ id: z.string(), contentVersion: z.string().nullable(), profileId: z.string().nullable() }).nullable(),
  xccdfScores: modelScores.describe('the four oscap scoring models recomputed from the Benchmark and rule-results, printed as oscap does'),
  fileScores: modelScores.describe('the <score> elements of the file, if any'),
  scoreMismatch: z.boolean(),
  resultCounts: z.record(z.string(), z.number()).nullable(),
  scoredRules: z.number().int().nullable(),
  failedRules: z.number().int(),
  failedControls: z.number().int().describe('posture: the failing cells of the controls matrix (workload x control)'),
  findings: z.number().int().nullable(),
  formulaVersion: z.string(),
  score: z.number().nullable().describe('C (configuration compliance, config scans), V (vulnerability exposure) or P (workload posture), 0-100'),
  grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
  broken: z.boolean().describe('nothing scored or scanner errors: never shown as compliant'),
  brokenReason: z.string().nullable(),
  deployments: z.array(z.object({
    id: z.number().int(),
    externalId: z.string(),
    environment: z.string(),
    status: z.string(),
    finishedAt: z.date().nullable(),
    sha: z.string().nullable(),
    version: z.string().nullable(),
    matchedBy: z.enum(['digest', 'sha']),
  })).describe('deployments of this image or commit: same service (and environment, if the scan names one) whose version names the image digest (registry/app@sha256:...) or whose sha is the commit; newest first, at most 10'),
})
