import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type ProductionImage = { serviceId: number; digest: string; deployedAt: Date; scannedAt: Date | null; critical: number; high: number; open: number }

// The image each service runs in production now (the digest its latest successful production deployment's
// version names) and the open findings of that image's latest (not broken) vulnerability scan.
// An image never scanned has scannedAt null: unknown, not clean.
export async function listProductionImages(serviceIds: number[], db: Queryable = pool()): Promise<ProductionImage[]> {
  if (serviceIds.length === 0) return []
  return queryRows<ProductionImage>(db, sql`
    WITH running AS (
      SELECT DISTINCT ON (d.service_id) d.service_id, substring(d.version FROM '(sha256:[0-9a-f]{64})') AS digest, d.finished_at
      FROM deployment d JOIN environment e ON e.id = d.environment_id AND e.tier = 'production'
      WHERE d.service_id = ANY(${serviceIds}::int[]) AND d.status = 'success' AND d.finished_at IS NOT NULL
      ORDER BY d.service_id, d.finished_at DESC, d.id DESC
    )
    SELECT r.service_id AS "serviceId", r.digest, r.finished_at AS "deployedAt", s.scanned_at AS "scannedAt",
      count(f.id) FILTER (WHERE f.severity = 'critical')::int AS critical, count(f.id) FILTER (WHERE f.severity = 'high')::int AS high,
      count(f.id)::int AS open
    FROM running r
    LEFT JOIN LATERAL (
      SELECT id, scanned_at FROM compliance_scan s
      WHERE s.service_id = r.service_id AND s.kind = 'vulnerability' AND NOT s.broken AND s.image_digest = r.digest
      ORDER BY s.scanned_at DESC, s.id DESC LIMIT 1
    ) s ON true
    LEFT JOIN compliance_scan_finding sf ON sf.scan_id = s.id
    LEFT JOIN vulnerability_finding f ON f.id = sf.finding_id
    WHERE r.digest IS NOT NULL
    GROUP BY r.service_id, r.digest, r.finished_at, s.scanned_at
    ORDER BY r.service_id`)
}
