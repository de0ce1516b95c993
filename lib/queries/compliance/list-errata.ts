import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type Erratum = { vulnerabilityId: string; packageName: string; severity: string; fixAvailableAt: Date; remediatedAt: Date | null }

// Fixable findings of a service's production images (lifecycles of a production environment) with the
// first successful production deployment, after the fix appeared, of an image whose (not broken)
// vulnerability scan no longer lists the vulnerability in that package. The deployment's version names
// the image digest (registry/app@sha256:...), as the scans-deployments join reads it.
export async function listErrata(serviceId: number, db: Queryable = pool()): Promise<Erratum[]> {
  return queryRows<Erratum>(db, sql`
    WITH deployed AS (
      SELECT d.finished_at, s.id AS scan_id
      FROM deployment d JOIN environment e ON e.id = d.environment_id AND e.tier = 'production'
      JOIN compliance_scan s ON s.service_id = d.service_id AND s.kind = 'vulnerability' AND NOT s.broken
        AND s.image_digest IS NOT NULL AND strpos(d.version, s.image_digest) > 0
      WHERE d.service_id = ${serviceId} AND d.status = 'success' AND d.finished_at IS NOT NULL
    )
    SELECT f.vulnerability_id AS "vulnerabilityId", f.package_name AS "packageName", f.severity, f.fix_available_at AS "fixAvailableAt",
      (SELECT min(dp.finished_at) FROM deployed dp
       WHERE dp.finished_at >= f.fix_available_at AND NOT EXISTS (
         SELECT 1 FROM compliance_scan_finding sf JOIN vulnerability_finding v ON v.id = sf.finding_id
         WHERE sf.scan_id = dp.scan_id AND v.vulnerability_id = f.vulnerability_id AND v.package_name = f.package_name)) AS "remediatedAt"
    FROM vulnerability_finding f JOIN environment e ON e.id = f.environment_id AND e.tier = 'production'
    WHERE f.service_id = ${serviceId} AND f.fix_available_at IS NOT NULL
    ORDER BY f.fix_available_at, f.vulnerability_id`)
}
