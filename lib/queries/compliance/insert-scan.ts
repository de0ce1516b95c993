import sql from 'sql-template-tag'
import type pg from 'pg'
import { queryRows } from '@/lib/db'
import type { FailedRule } from '@/lib/compliance/summarize-xccdf'

export type ScanRow = {
  serviceId: number
  environmentId: number | null
  kind: 'config' | 'vulnerability' | 'posture'
  format: string
  contentHash: string
  sizeBytes: number
  tokenId: number | null
  scannerName: string | null
  scannerVersion: string | null
  imageName: string | null
  imageDigest: string | null
  commitSha: string | null
  target?: string | null
  scannedAt: Date
  benchmarkId?: string | null
  contentVersion?: string | null
  profileId?: string | null
  xccdfScores?: unknown
  fileScores?: unknown
  scoreMismatch?: boolean
  resultCounts?: unknown
  scoredRules?: number | null
  highSeverityFailed?: boolean
  findingCount?: number | null
  formulaVersion: string
  score: number | null
  grade: string | null
  broken: boolean
  brokenReason: string | null
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))

// null when the service already has a scan with this content hash (the same report, uploaded again)
export async function insertScan(tx: pg.ClientBase, s: ScanRow): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(tx, sql`
    INSERT INTO compliance_scan (service_id, environment_id, kind, format, content_hash, size_bytes, token_id, scanner_name,
      scanner_version, image_name, image_digest, commit_sha, target, scanned_at, benchmark_id, content_version, profile_id,
      xccdf_scores, file_scores, score_mismatch, result_counts, scored_rules, high_severity_failed, finding_count,
      formula_version, score, grade, broken, broken_reason)
    VALUES (${s.serviceId}, ${s.environmentId}, ${s.kind}, ${s.format}, ${s.contentHash}, ${s.sizeBytes}, ${s.tokenId},
      ${s.scannerName}, ${s.scannerVersion}, ${s.imageName}, ${s.imageDigest}, ${s.commitSha}, ${s.target ?? null}, ${s.scannedAt},
      ${s.benchmarkId ?? null}, ${s.contentVersion ?? null}, ${s.profileId ?? null}, ${json(s.xccdfScores)}::jsonb,
      ${json(s.fileScores)}::jsonb, ${s.scoreMismatch ?? false}, ${json(s.resultCounts)}::jsonb, ${s.scoredRules ?? null},
      ${s.highSeverityFailed ?? false}, ${s.findingCount ?? null}, ${s.formulaVersion}, ${s.score}, ${s.grade}, ${s.broken},
      ${s.brokenReason})
    ON CONFLICT (service_id, content_hash) DO NOTHING
    RETURNING id`)
  return rows[0]?.id ?? null
}

export async function findScanByHash(tx: pg.ClientBase, serviceId: number, contentHash: string): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(tx, sql`SELECT id FROM compliance_scan WHERE service_id = ${serviceId} AND content_hash = ${contentHash}`)
  return rows[0]?.id ?? null
}

export async function insertRuleFailures(tx: pg.ClientBase, scanId: number, rules: FailedRule[]): Promise<void> {
  if (rules.length === 0) return
  await tx.query(sql`
    INSERT INTO compliance_rule_failure (scan_id, rule_id, title, severity, result, idents)
    SELECT ${scanId}, r.rule_id, r.title, r.severity, r.result, ARRAY(SELECT json_array_elements_text(r.idents))
    FROM json_to_recordset(${JSON.stringify(rules.map((r) => ({ rule_id: r.ruleId, title: r.title, severity: r.severity, result: r.result, idents: r.idents })))}::json)
      AS r(rule_id text, title text, severity text, result text, idents json)
    ON CONFLICT DO NOTHING`)
}
