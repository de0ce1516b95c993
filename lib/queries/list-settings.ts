import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type SettingsTeam = { id: number; slug: string; name: string; services: number; tokens: number }
export type SettingsService = {
  slug: string; name: string; team: string; repositoryUrl: string | null; pathPrefixes: string[]
  incidentAttributionHours: number; sloTarget: number; deployments: number
}

// Teams and services as configured, for the settings page.
export async function listSettings(client: Queryable = pool()): Promise<{ teams: SettingsTeam[]; services: SettingsService[] }> {
  const [teams, services] = await Promise.all([
    queryRows<SettingsTeam>(client, sql`
      SELECT t.id, t.slug, t.name,
        (SELECT count(*) FROM service s WHERE s.team_id = t.id)::int AS services,
        (SELECT count(*) FROM api_token k WHERE k.team_id = t.id AND k.revoked_at IS NULL)::int AS tokens
      FROM team t ORDER BY t.name`),
    queryRows<SettingsService>(client, sql`
      SELECT s.slug, s.name, t.slug AS team, s.repository_url AS "repositoryUrl", s.path_prefixes AS "pathPrefixes",
        s.incident_attribution_hours AS "incidentAttributionHours", s.slo_target::float8 AS "sloTarget",
        (SELECT count(*) FROM deployment d WHERE d.service_id = s.id)::int AS deployments
      FROM service s JOIN team t ON t.id = s.team_id ORDER BY t.slug, s.slug`),
  ])
  return { teams, services }
}

export type SettingsGithubRepository = {
  connection: string; team: string; fullName: string; service: string; deployWorkflow: string | null
  reconciles: boolean; lastSyncedAt: Date | null; gapsFound: number; imported: number
  deliveries: number; failedDeliveries: number
}

// GitHub connections' repositories with their sync state, for the settings page (never a secret or token).
export async function listGithubRepositories(client: Queryable = pool()): Promise<SettingsGithubRepository[]> {
  return queryRows<SettingsGithubRepository>(client, sql`
    SELECT c.name AS connection, t.slug AS team, r.full_name AS "fullName", s.slug AS service, r.deploy_workflow AS "deployWorkflow",
      (c.api_token_enc IS NOT NULL OR c.app_private_key_enc IS NOT NULL) AS reconciles, b.last_synced_at AS "lastSyncedAt", coalesce(b.gaps_found, 0) AS "gapsFound",
      coalesce(b.imported, 0) AS imported,
      (SELECT count(*) FROM webhook_delivery w WHERE w.connection_id = c.id)::int AS deliveries,
      (SELECT count(*) FROM webhook_delivery w WHERE w.connection_id = c.id AND w.state = 'failed')::int AS "failedDeliveries"
    FROM github_repository r JOIN github_connection c ON c.id = r.connection_id JOIN team t ON t.id = c.team_id
    JOIN service s ON s.id = r.service_id
    LEFT JOIN github_backfill b ON b.connection_id = r.connection_id AND b.full_name = r.full_name
    ORDER BY c.name, r.full_name`)
}
