import sql from 'sql-template-tag'
import type pg from 'pg'
import { queryRows } from '@/lib/db'
import type { Finding } from '@/lib/compliance/findings'

// The lifecycle a scan's findings belong to (issue 23): its service, environment, target (the image
// digest, else the image name; '' when the upload names neither) and scanner kind.
export type Lifecycle = { serviceId: number; environmentId: number | null; target: string; kind: 'vulnerability' }
export const lifecycleKey = (l: Lifecycle) => `${l.kind}|${l.environmentId ?? ''}|${l.target}`

// Upserts the findings a vulnerability scan listed in its lifecycle (first seen = the earliest scan of
// the lifecycle that listed it; a finding fixed earlier and listed again by a later scan is open again)
// and links them to the scan.
export async function recordFindings(tx: pg.ClientBase, life: Lifecycle, scanId: number, scannedAt: Date, findings: Finding[]): Promise<void> {
  if (findings.length === 0) return
  const { serviceId } = life
  const key = lifecycleKey(life)
  const rows = JSON.stringify(findings.map((f) => ({
    vulnerability_id: f.vulnerabilityId, package_name: f.packageName, installed_version: f.installedVersion, target: f.target,
    severity: f.severity, fixable: f.fixable, fixed_version: f.fixedVersion, title: f.title, known_exploited: f.knownExploited,
  })))
  await tx.query(sql`
    WITH upserted AS (
      INSERT INTO vulnerability_finding AS v (id, service_id, environment_id, scan_target, lifecycle_key, vulnerability_id, package_name, installed_version, target, severity,
        fixable, fixed_version, title, known_exploited, first_seen_at, last_seen_at, fix_available_at)
      SELECT COALESCE(known.id, nextval(pg_get_serial_sequence('vulnerability_finding', 'id'))::int), ${serviceId}, ${life.environmentId},
        ${life.target}, ${key}, r.vulnerability_id,
        r.package_name, r.installed_version, r.target, r.severity, r.fixable, r.fixed_version, r.title, r.known_exploited, ${scannedAt}, ${scannedAt},
        CASE WHEN r.fixable THEN ${scannedAt}::timestamptz END
      FROM json_to_recordset(${rows}::json) AS r(vulnerability_id text, package_name text, installed_version text, target text,
        severity text, fixable boolean, fixed_version text, title text, known_exploited boolean)
      -- a finding seen before keeps its id: ON CONFLICT alone takes a sequence value per finding per scan
      LEFT JOIN vulnerability_finding known ON known.service_id = ${serviceId} AND known.lifecycle_key = ${key}
        AND known.vulnerability_id = r.vulnerability_id
        AND known.package_name = r.package_name AND known.installed_version = r.installed_version AND known.target = r.target
      ON CONFLICT (service_id, lifecycle_key, vulnerability_id, package_name, installed_version, target) DO UPDATE SET
        first_seen_at = least(v.first_seen_at, EXCLUDED.first_seen_at),
        -- the latest scan's view of severity and fix wins
        severity = CASE WHEN EXCLUDED.last_seen_at >= v.last_seen_at THEN EXCLUDED.severity ELSE v.severity END,
        fixable = CASE WHEN EXCLUDED.last_seen_at >= v.last_seen_at THEN EXCLUDED.fixable ELSE v.fixable END,
        fixed_version = CASE WHEN EXCLUDED.last_seen_at >= v.last_seen_at THEN EXCLUDED.fixed_version ELSE v.fixed_version END,
        known_exploited = v.known_exploited OR EXCLUDED.known_exploited,
        -- least() skips nulls: the earliest scan that showed a fixed version
        fix_available_at = least(v.fix_available_at, EXCLUDED.fix_available_at),
        last_seen_at = greatest(v.last_seen_at, EXCLUDED.last_seen_at),
        fixed_at = CASE WHEN v.fixed_at IS NOT NULL AND EXCLUDED.last_seen_at >= v.fixed_at THEN NULL ELSE v.fixed_at END
      RETURNING id
    )
    INSERT INTO compliance_scan_finding (scan_id, finding_id) SELECT ${scanId}, id FROM upserted`)
}

// When this is the latest vulnerability scan of its lifecycle (same service, environment and target),
// every open finding of that lifecycle it no longer lists is fixed at its scan time. A scan of another
// image or environment, and an older report arriving late, change no fixed-at time.
export async function closeMissingFindings(tx: pg.ClientBase, life: Lifecycle, scanId: number, scannedAt: Date): Promise<number> {
  const { serviceId } = life
  const [later] = await queryRows<{ n: number }>(tx, sql`
    SELECT count(*)::int AS n FROM compliance_scan
    WHERE service_id = ${serviceId} AND kind = 'vulnerability' AND NOT broken AND id <> ${scanId} AND scanned_at > ${scannedAt}
      AND environment_id IS NOT DISTINCT FROM ${life.environmentId} AND coalesce(image_digest, image_name, '') = ${life.target}`)
  if (later!.n > 0) return 0
  const result = await tx.query(sql`
    UPDATE vulnerability_finding v SET fixed_at = ${scannedAt}
    WHERE v.service_id = ${serviceId} AND v.lifecycle_key = ${lifecycleKey(life)} AND v.fixed_at IS NULL AND v.last_seen_at <= ${scannedAt}
      AND NOT EXISTS (SELECT 1 FROM compliance_scan_finding sf WHERE sf.scan_id = ${scanId} AND sf.finding_id = v.id)`)
  return result.rowCount ?? 0
}
