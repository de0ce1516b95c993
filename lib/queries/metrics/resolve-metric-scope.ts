import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { SloIndicator, SloWindowKind } from '@/lib/metrics/slo'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type ScopedService = {
  id: number; slug: string; name: string; teamId: number; team: string
  incidentAttributionHours: number; sloTarget: number; sloWindow: SloWindowKind; createdAt: Date
  // the indicator the SLO is set to use (null: requests once any are recorded, else probes)
  sloIndicator?: SloIndicator | null
}
export type ScopedEnvironment = { id: number; name: string; tier: string }

// The services of the readable teams: of one team (teamId null: every team), narrowed to the named slugs.
// Slugs are unique per team, so without a team one slug may list several services.
export async function listTeamServices(teamId: number | null, slugs: string[] | undefined, readable: ReadableTeams = 'all', client: Queryable = pool()): Promise<ScopedService[]> {
  return queryRows<ScopedService>(client, sql`
    SELECT s.id, s.slug, s.name, s.team_id AS "teamId", t.slug AS team, s.incident_attribution_hours AS "incidentAttributionHours",
      s.slo_target::float8 AS "sloTarget", s.slo_window::text AS "sloWindow", s.slo_indicator AS "sloIndicator",
      s.created_at AS "createdAt"
    FROM service s JOIN team t ON t.id = s.team_id
    WHERE ${slugs ? sql`s.slug = ANY(${slugs}::text[])` : sql`true`} AND ${teamId === null ? sql`true` : sql`s.team_id = ${teamId}`}
      AND ${readableTeamsSql(sql`s.team_id`, readable)}
    ORDER BY s.slug, t.slug`)
}

// The named environment, or every production-tier one.
export async function listScopeEnvironments(name: string | undefined, client: Queryable = pool()): Promise<ScopedEnvironment[]> {
  return queryRows<ScopedEnvironment>(client, sql`
    SELECT id, name, tier::text AS tier FROM environment
    WHERE ${name ? sql`name = ${name}` : sql`tier = 'production'`} ORDER BY name`)
}
