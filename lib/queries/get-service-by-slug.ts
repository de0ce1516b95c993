import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { ServiceRow } from '@/lib/queries/find-or-create-service'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

// A service's slug is unique within its team only: a lookup by slug names the team, or lists every match.
export type TeamServiceRow = ServiceRow & { name: string; team: string }

export async function getTeamServiceBySlug(teamId: number, slug: string, client: Queryable = pool()): Promise<ServiceRow | null> {
  const rows = await queryRows<ServiceRow>(client, sql`SELECT id, team_id AS "teamId", slug FROM service WHERE team_id = ${teamId} AND slug = ${slug}`)
  return rows[0] ?? null
}

// The services of this slug in the teams the reader may read (and in `teamSlug`'s only, when given).
export async function listServicesBySlug(slug: string, readable: ReadableTeams, teamSlug?: string, client: Queryable = pool()): Promise<TeamServiceRow[]> {
  return queryRows<TeamServiceRow>(client, sql`
    SELECT s.id, s.team_id AS "teamId", s.slug, s.name, t.slug AS team FROM service s JOIN team t ON t.id = s.team_id
    WHERE s.slug = ${slug} AND ${readableTeamsSql(sql`s.team_id`, readable)} AND ${teamSlug ? sql`t.slug = ${teamSlug}` : sql`true`}
    ORDER BY t.slug`)
}

export async function getServiceById(id: number, client: Queryable = pool()): Promise<ServiceRow | null> {
  const rows = await queryRows<ServiceRow>(client, sql`SELECT id, team_id AS "teamId", slug FROM service WHERE id = ${id}`)
  return rows[0] ?? null
}

// The service an incident belongs to (its page reads the service by id: slugs repeat across teams).
export async function getIncidentService(incidentId: number, client: Queryable = pool()): Promise<TeamServiceRow | null> {
  const rows = await queryRows<TeamServiceRow>(client, sql`
    SELECT s.id, s.team_id AS "teamId", s.slug, s.name, t.slug AS team FROM incident i JOIN service s ON s.id = i.service_id JOIN team t ON t.id = s.team_id
    WHERE i.id = ${incidentId}`)
  return rows[0] ?? null
}
