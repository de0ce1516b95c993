import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'
import type { EnvironmentStrategies } from '@/lib/validation/environment-strategies'

export type SettingsTeam = { id: number; slug: string; name: string; timeZone: string; services: number; tokens: number }
export type SettingsService = {
  slug: string
  name: string
  team: string
  repositoryUrl: string | null
  pathPrefixes: string[]
  incidentAttributionHours: number
  cfrSeverities: string[] | null
  ttrSeverities: string[] | null
  sloTarget: number
  deployments: number
  sloWindow: string
  sloIndicator: string | null
  environmentStrategies: EnvironmentStrategies
}

// Teams and services as configured, of the teams the reader may read, for the settings page.
export async function listSettings(readable: ReadableTeams, client: Queryable = pool()): Promise<{ teams: SettingsTeam[]; services: SettingsService[] }> {
  const [teams, services] = await Promise.all([
    queryRows<SettingsTeam>(
      client,
      sql`
      SELECT t.id, t.slug, t.name, t.time_zone AS "timeZone",
        (SELECT count(*) FROM service s WHERE s.team_id = t.id)::int AS services,
        (SELECT count(*) FROM api_token k WHERE k.team_id = t.id AND k.revoked_at IS NULL)::int AS tokens
      FROM team t WHERE ${readableTeamsSql(sql`t.id`, readable)} ORDER BY t.name`,
    ),
    queryRows<SettingsService>(
      client,
      sql`
      SELECT s.slug, s.name, t.slug AS team, s.repository_url AS "repositoryUrl", s.path_prefixes AS "pathPrefixes",
        s.incident_attribution_hours AS "incidentAttributionHours", s.slo_target::float8 AS "sloTarget", s.slo_window::text AS "sloWindow",
        s.slo_indicator AS "sloIndicator",
        s.cfr_severities::text[] AS "cfrSeverities", s.ttr_severities::text[] AS "ttrSeverities", s.environment_strategies AS "environmentStrategies",
        (SELECT count(*) FROM deployment d WHERE d.service_id = s.id)::int AS deployments
      FROM service s JOIN team t ON t.id = s.team_id WHERE ${readableTeamsSql(sql`t.id`, readable)} ORDER BY t.slug, s.slug`,
    ),
  ])
  return { teams, services }
}
