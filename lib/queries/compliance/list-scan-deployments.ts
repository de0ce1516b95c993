import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

// matchedBy: the scan's image digest is named in the deployment's version (e.g. registry/app@sha256:...),
// or the scan's commit sha (full or abbreviated) is the deployment's sha
export type ScanDeployment = {
  scanId: number; id: number; externalId: string; environment: string; status: string
  finishedAt: Date | null; sha: string | null; version: string | null; matchedBy: 'digest' | 'sha'
}

// The deployments of each scan's image or commit: same service, and the scan's environment when it has
// one (the same digest deployed to staging is another deployment); newest first, at most 10 per scan.
// Read when shown, so a deployment reported after its scan is linked too.
export async function listScanDeployments(scanIds: number[], db: Queryable = pool()): Promise<ScanDeployment[]> {
  if (scanIds.length === 0) return []
  return queryRows<ScanDeployment>(db, sql`
    SELECT s.id AS "scanId", d.id, d.external_id AS "externalId", e.name AS environment, d.status::text AS status,
      d.finished_at AS "finishedAt", d.sha, d.version, d."matchedBy"
    FROM compliance_scan s
    CROSS JOIN LATERAL (
      SELECT d.*, CASE WHEN s.image_digest IS NOT NULL AND strpos(d.version, s.image_digest) > 0 THEN 'digest' ELSE 'sha' END AS "matchedBy"
      FROM deployment d
      WHERE d.service_id = s.service_id
        AND (s.environment_id IS NULL OR d.environment_id = s.environment_id)
        AND ((s.commit_sha IS NOT NULL AND d.sha IS NOT NULL AND left(d.sha, length(s.commit_sha)) = s.commit_sha)
          OR (s.image_digest IS NOT NULL AND strpos(d.version, s.image_digest) > 0))
      ORDER BY d.finished_at DESC NULLS LAST, d.id DESC LIMIT 10) d
    JOIN environment e ON e.id = d.environment_id
    WHERE s.id = ANY(${scanIds}::int[]) AND (s.commit_sha IS NOT NULL OR s.image_digest IS NOT NULL)
    ORDER BY s.id, d.finished_at DESC NULLS LAST, d.id DESC`)
}

export type RecentScan = {
  id: number; scannedAt: Date; kind: string; environment: string | null; target: string | null; imageDigest: string | null; commitSha: string | null
  deployments: ScanDeployment[]
}

// A service's latest scans with the deployments of their image or commit (the service page's table).
export async function listRecentScans(serviceId: number, limit = 10, db: Queryable = pool()): Promise<RecentScan[]> {
  const scans = await queryRows<Omit<RecentScan, 'deployments'>>(db, sql`
    SELECT s.id, s.scanned_at AS "scannedAt", s.kind, e.name AS environment, s.target, s.image_digest AS "imageDigest", s.commit_sha AS "commitSha"
    FROM compliance_scan s LEFT JOIN environment e ON e.id = s.environment_id
    WHERE s.service_id = ${serviceId} ORDER BY s.scanned_at DESC, s.id DESC LIMIT ${limit}`)
  const deployments = await listScanDeployments(scans.map((s) => s.id), db)
  return scans.map((s) => ({ ...s, deployments: deployments.filter((d) => d.scanId === s.id) }))
}
