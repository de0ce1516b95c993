import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type FailingRule = { ruleId: string; title: string; severity: string; result: string; idents: string[] }
export type LatestConfigScan = { id: number; scannedAt: Date; benchmarkId: string | null; contentVersion: string | null; profileId: string | null; xccdfScores: Record<string, { score: string; maximum: string }> | null; scoreMismatch: boolean; broken: boolean; brokenReason: string | null }
export type OpenFinding = { vulnerabilityId: string; packageName: string; installedVersion: string; target: string; severity: string; fixable: boolean; fixedVersion: string | null; title: string | null; knownExploited: boolean; firstSeenAt: Date }
export type Remediation = { vulnerabilityId: string; packageName: string; severity: string; firstSeenAt: Date; fixedAt: Date }

const SEVERITY_ORDER = sql`array_position(ARRAY['critical','high','medium','low','unknown','negligible','info'], severity)`
// An open finding's columns and list order (also the findings of one image: list-production-images.ts).
export const OPEN_FINDING_COLUMNS = sql`vulnerability_id AS "vulnerabilityId", package_name AS "packageName", installed_version AS "installedVersion", target,
      severity, fixable, fixed_version AS "fixedVersion", title, known_exploited AS "knownExploited", first_seen_at AS "firstSeenAt"`
export const OPEN_FINDING_ORDER = sql`fixable DESC, ${SEVERITY_ORDER}, first_seen_at, vulnerability_id`

export async function getLatestConfigScan(serviceId: number, db: Queryable = pool()): Promise<LatestConfigScan | null> {
  const rows = await queryRows<LatestConfigScan>(db, sql`
    SELECT id, scanned_at AS "scannedAt", benchmark_id AS "benchmarkId", content_version AS "contentVersion", profile_id AS "profileId",
      xccdf_scores AS "xccdfScores", score_mismatch AS "scoreMismatch", broken, broken_reason AS "brokenReason"
    FROM compliance_scan WHERE service_id = ${serviceId} AND kind = 'config' ORDER BY scanned_at DESC, id DESC LIMIT 1`)
  return rows[0] ?? null
}

// The failing rules of one scan, most severe first.
export async function listFailingRules(scanId: number, db: Queryable = pool()): Promise<FailingRule[]> {
  return queryRows<FailingRule>(db, sql`
    SELECT rule_id AS "ruleId", title, severity, result, coalesce(idents, '{}') AS idents
    FROM compliance_rule_failure WHERE scan_id = ${scanId} ORDER BY ${SEVERITY_ORDER}, title`)
}

// Open findings of a service: fixable first, then by severity.
export async function listOpenFindings(serviceId: number, db: Queryable = pool()): Promise<OpenFinding[]> {
  return queryRows<OpenFinding>(db, sql`
    SELECT ${OPEN_FINDING_COLUMNS}
    FROM vulnerability_finding WHERE service_id = ${serviceId} AND fixed_at IS NULL
    ORDER BY ${OPEN_FINDING_ORDER} LIMIT 500`)
}

// Fixed critical and high findings: time to remediate = fixed-at - first-seen.
export async function listRemediations(serviceId: number, db: Queryable = pool()): Promise<Remediation[]> {
  return queryRows<Remediation>(db, sql`
    SELECT vulnerability_id AS "vulnerabilityId", package_name AS "packageName", severity, first_seen_at AS "firstSeenAt", fixed_at AS "fixedAt"
    FROM vulnerability_finding WHERE service_id = ${serviceId} AND fixed_at IS NOT NULL AND severity IN ('critical', 'high')
    ORDER BY fixed_at DESC LIMIT 200`)
}
