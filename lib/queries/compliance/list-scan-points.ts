import sql, { empty } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { ScanPoint } from '@/lib/compliance/score-history'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type ScannedService = { serviceId: number; slug: string; name: string; team: string; teamName: string }

// unscanned: every service of the filter, scanned or not (what runs in production need not be scanned)
export type ScannedServiceFilter = { team?: string | null; serviceIds?: number[]; readable?: ReadableTeams; unscanned?: boolean }

// Services with at least one scan (or all: unscanned), optionally of one team or among the given ids, of the readable teams.
export async function listScannedServices(filter: ScannedServiceFilter = {}, db: Queryable = pool()): Promise<ScannedService[]> {
  return queryRows<ScannedService>(db, sql`
    SELECT s.id AS "serviceId", s.slug, s.name, t.slug AS team, t.name AS "teamName"
    FROM service s JOIN team t ON t.id = s.team_id
    WHERE (${filter.unscanned ?? false} OR EXISTS (SELECT 1 FROM compliance_scan c WHERE c.service_id = s.id))
      AND ${readableTeamsSql(sql`t.id`, filter.readable ?? 'all')}
      ${filter.team ? sql`AND t.slug = ${filter.team}` : empty}
      ${filter.serviceIds ? sql`AND s.id = ANY(${filter.serviceIds}::int[])` : empty}
    ORDER BY s.name`)
}

// Every scan of these services, oldest first (a few per service and day: small).
export async function listScanPoints(serviceIds: number[], db: Queryable = pool()): Promise<ScanPoint[]> {
  if (serviceIds.length === 0) return []
  return queryRows<ScanPoint>(db, sql`
    SELECT id, service_id AS "serviceId", scanned_at AS "scannedAt", kind, score, grade, broken, image_digest AS "imageDigest"
    FROM compliance_scan WHERE service_id = ANY(${serviceIds}::int[])
    ORDER BY scanned_at, id`)
}
