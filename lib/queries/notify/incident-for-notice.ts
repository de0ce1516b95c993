import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'

export type IncidentForNotice = {
  id: number; title: string; severity: string | null; openedAt: Date; resolvedAt: Date | null; isOutage: boolean; url: string | null
  source: string; service: string; serviceName: string; teamId: number; team: string
}

// What an incident notice says of the incident, its service and the team that owns it (the one notified).
export async function getIncidentForNotice(client: Queryable, id: number): Promise<IncidentForNotice | null> {
  const [row] = await queryRows<IncidentForNotice>(client, sql`
    SELECT i.id, i.title, i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.is_outage AS "isOutage",
      i.url, i.source, s.slug AS service, s.name AS "serviceName", t.id AS "teamId", t.slug AS team
    FROM incident i JOIN service s ON s.id = i.service_id JOIN team t ON t.id = s.team_id
    WHERE i.id = ${id}`)
  return row ?? null
}
