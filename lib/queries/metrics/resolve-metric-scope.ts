import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { SloWindowKind } from '@/lib/metrics/slo'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type ScopedService = { id: number; slug: string; teamId: number; incidentAttributionHours: number; sloTarget: number; sloWindow: SloWindowKind; createdAt: Date }
export type ScopedEnvironment = { id: number; name: string; tier: string }

// The named services, else the team's (teamId null: every service of the organisation), of the readable teams.
export async function listTeamServices(teamId: number | null, slugs: string[] | undefined, readable: ReadableTeams = 'all', client: Queryable = pool()): Promise<ScopedService[]> {
  return queryRows<ScopedService>(client, sql`
    SELECT id, slug, team_id AS "teamId", incident_attribution_hours AS "incidentAttributionHours",
      slo_target::float8 AS "sloTarget", slo_window::text AS "sloWindow", created_at AS "createdAt"
    FROM service
    WHERE ${slugs ? sql`slug = ANY(${slugs}::text[])` : teamId === null ? sql`true` : sql`team_id = ${teamId}`}
      AND ${readableTeamsSql(sql`team_id`, readable)}
    ORDER BY slug`)
}

// The named environment, or every production-tier one.
export async function listScopeEnvironments(name: string | undefined, client: Queryable = pool()): Promise<ScopedEnvironment[]> {
  return queryRows<ScopedEnvironment>(client, sql`
    SELECT id, name, tier::text AS tier FROM environment
    WHERE ${name ? sql`name = ${name}` : sql`tier = 'production'`} ORDER BY name`)
}
