import sql, { type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { OPEN_FINDING_COLUMNS, OPEN_FINDING_ORDER, type OpenFinding } from '@/lib/queries/compliance/get-service-compliance'

export type SeverityCounts = { critical: number; high: number; medium: number; low: number; other: number }
export type ProductionImage = SeverityCounts & { serviceId: number; digest: string; deployedAt: Date; scannedAt: Date | null; open: number; fixable: number }

// The latest (not broken) vulnerability scan of one image of a service: the scan whose findings are the
// image's. Shared by the counts below and the list of those findings, so the two always agree.
const latestImageScan = (serviceId: Sql, digest: Sql) => sql`
  SELECT id, scanned_at FROM compliance_scan s
  WHERE s.service_id = ${serviceId} AND s.kind = 'vulnerability' AND NOT s.broken AND s.image_digest = ${digest}
  ORDER BY s.scanned_at DESC, s.id DESC LIMIT 1`

// The image each service runs in production now (the digest its latest successful production deployment's
// version names) and the findings of that image's latest (not broken) vulnerability scan, by severity.
// An image never scanned has scannedAt null: unknown, not clean.
export async function listProductionImages(serviceIds: number[], db: Queryable = pool()): Promise<ProductionImage[]> {
  if (serviceIds.length === 0) return []
  const count = (severities: string[]) => sql`count(f.id) FILTER (WHERE f.severity = ANY(${severities}::text[]))::int`
  return queryRows<ProductionImage>(db, sql`
    WITH running AS (
      SELECT DISTINCT ON (d.service_id) d.service_id, substring(d.version FROM '(sha256:[0-9a-f]{64})') AS digest, d.finished_at
      FROM deployment d JOIN environment e ON e.id = d.environment_id AND e.tier = 'production'
      WHERE d.service_id = ANY(${serviceIds}::int[]) AND d.status = 'success' AND d.finished_at IS NOT NULL
      ORDER BY d.service_id, d.finished_at DESC, d.id DESC
    )
    SELECT r.service_id AS "serviceId", r.digest, r.finished_at AS "deployedAt", s.scanned_at AS "scannedAt",
      ${count(['critical'])} AS critical, ${count(['high'])} AS high, ${count(['medium'])} AS medium, ${count(['low'])} AS low,
      count(f.id) FILTER (WHERE f.severity NOT IN ('critical', 'high', 'medium', 'low'))::int AS other,
      count(f.id)::int AS open, count(f.id) FILTER (WHERE f.fixable)::int AS fixable
    FROM running r
    LEFT JOIN LATERAL (${latestImageScan(sql`r.service_id`, sql`r.digest`)}) s ON true
    LEFT JOIN compliance_scan_finding sf ON sf.scan_id = s.id
    LEFT JOIN vulnerability_finding f ON f.id = sf.finding_id
    WHERE r.digest IS NOT NULL
    GROUP BY r.service_id, r.digest, r.finished_at, s.scanned_at
    ORDER BY r.service_id`)
}

// The findings behind those counts: the latest vulnerability scan of one image of the service, fixable
// first, then by severity (the service page's list when it is opened for an image).
export async function listImageFindings(serviceId: number, digest: string, db: Queryable = pool()): Promise<OpenFinding[]> {
  return queryRows<OpenFinding>(db, sql`
    SELECT ${OPEN_FINDING_COLUMNS}
    FROM vulnerability_finding WHERE id IN (
      SELECT sf.finding_id FROM (${latestImageScan(sql`${serviceId}`, sql`${digest}`)}) s JOIN compliance_scan_finding sf ON sf.scan_id = s.id)
    ORDER BY ${OPEN_FINDING_ORDER} LIMIT 500`)
}
