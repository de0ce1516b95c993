import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'
import { listScanDeployments, type ScanDeployment } from '@/lib/queries/compliance/list-scan-deployments'

export type ScanDto = {
  id: number
  service: string
  environment: string | null
  kind: 'config' | 'vulnerability' | 'posture'
  format: string
  contentHash: string
  sizeBytes: number
  scanner: { name: string | null; version: string | null }
  image: { name: string | null; digest: string | null }
  commitSha: string | null
  target: string | null
  scannedAt: Date
  receivedAt: Date
  benchmark: { id: string; contentVersion: string | null; profileId: string | null } | null
  xccdfScores: Record<string, { score: string; maximum: string }> | null
  fileScores: Record<string, { score: string; maximum: string }> | null
  scoreMismatch: boolean
  resultCounts: Record<string, number> | null
  scoredRules: number | null
  failedRules: number
  // posture: the failing (workload, control) cells
  failedControls: number
  findings: number | null
  formulaVersion: string
  score: number | null
  grade: string | null
  broken: boolean
  brokenReason: string | null
  deployments: Omit<ScanDeployment, 'scanId'>[]
}

export async function getScan(db: Queryable, id: number): Promise<ScanDto | null> {
  const rows = await queryRows<Omit<ScanDto, 'deployments'> & { benchmarkId: string | null; contentVersion: string | null; profileId: string | null; scannerName: string | null; scannerVersion: string | null; imageName: string | null; imageDigest: string | null }>(db, sql`
    SELECT s.id, sv.slug AS service, e.name AS environment, s.kind, s.format, s.content_hash AS "contentHash", s.size_bytes AS "sizeBytes",
      s.scanner_name AS "scannerName", s.scanner_version AS "scannerVersion", s.image_name AS "imageName", s.image_digest AS "imageDigest",
      s.commit_sha AS "commitSha", s.target, s.scanned_at AS "scannedAt", s.received_at AS "receivedAt", s.benchmark_id AS "benchmarkId",
      s.content_version AS "contentVersion", s.profile_id AS "profileId", s.xccdf_scores AS "xccdfScores", s.file_scores AS "fileScores",
      s.score_mismatch AS "scoreMismatch", s.result_counts AS "resultCounts", s.scored_rules AS "scoredRules",
      (SELECT count(*)::int FROM compliance_rule_failure r WHERE r.scan_id = s.id) AS "failedRules",
      (SELECT count(*)::int FROM posture_control_result p WHERE p.scan_id = s.id AND p.status = 'fail') AS "failedControls",
      s.finding_count AS findings, s.formula_version AS "formulaVersion", s.score, s.grade, s.broken, s.broken_reason AS "brokenReason"
    FROM compliance_scan s JOIN service sv ON sv.id = s.service_id LEFT JOIN environment e ON e.id = s.environment_id
    WHERE s.id = ${id}`)
  const r = rows[0]
  if (!r) return null
  const { benchmarkId, contentVersion, profileId, scannerName, scannerVersion, imageName, imageDigest, ...rest } = r
  const deployments = (await listScanDeployments([id], db)).map(({ scanId: _, ...d }) => d)
  return {
    ...rest,
    deployments,
    scanner: { name: scannerName, version: scannerVersion },
    image: { name: imageName, digest: imageDigest },
    benchmark: benchmarkId ? { id: benchmarkId, contentVersion, profileId } : null,
  }
}
