import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type PostureScanRef = {
  id: number; format: string; scannedAt: Date; target: string | null; environment: string | null
  score: number | null; grade: string | null; broken: boolean; brokenReason: string | null
}
export type StoredCell = { workload: string; control: string; status: 'pass' | 'fail'; severity: string; checks: string[] }

// The service's latest posture scan and its controls matrix.
export async function getLatestPostureScan(serviceId: number, db: Queryable = pool()): Promise<{ scan: PostureScanRef; cells: StoredCell[] } | null> {
  const [scan] = await queryRows<PostureScanRef>(db, sql`
    SELECT s.id, s.format, s.scanned_at AS "scannedAt", s.target, e.name AS environment, s.score, s.grade, s.broken, s.broken_reason AS "brokenReason"
    FROM compliance_scan s LEFT JOIN environment e ON e.id = s.environment_id
    WHERE s.service_id = ${serviceId} AND s.kind = 'posture' ORDER BY s.scanned_at DESC, s.id DESC LIMIT 1`)
  if (!scan) return null
  const cells = await queryRows<StoredCell>(db, sql`
    SELECT workload, control, status, severity, coalesce(checks, '{}') AS checks
    FROM posture_control_result WHERE scan_id = ${scan.id} ORDER BY workload, control`)
  return { scan, cells }
}
