import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { GITHUB_API_URL } from '@/lib/queries/github-connections'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

// One mapping of a repository to a service (a monorepo has one per service) with the repository's sync state.
export type SettingsGithubRepository = {
  fullName: string; service: string; deployWorkflow: string | null
  lastSyncedAt: Date | null; gapsFound: number; imported: number
}

// A connection as the settings page shows it. enterpriseUrl: a GitHub Enterprise Server API URL (null
// for github.com); credentials: which kind reads the API for the hourly reconciliation (null: webhooks
// only); lastSyncedAt: when the reconciliation last read an organisation's hook; gapsFound: all of its
// repositories' gaps. Names only, never a secret, token or key.
export type SettingsGithubConnection = {
  name: string; teamId: number; team: string; organisation: string | null; enterpriseUrl: string | null
  credentials: 'token' | 'app' | null; lastSyncedAt: Date | null; gapsFound: number
  deliveries: number; failedDeliveries: number; repositories: SettingsGithubRepository[]
}

type RepositoryRow = SettingsGithubRepository & { connectionId: number }

// GitHub connections of the readable teams, repository and organisation ones alike, each with its
// mapped repositories' sync state.
export async function listGithubConnections(readable: ReadableTeams, client: Queryable = pool()): Promise<SettingsGithubConnection[]> {
  const [connections, repositories] = await Promise.all([
    queryRows<Omit<SettingsGithubConnection, 'repositories'> & { id: number }>(client, sql`
      SELECT c.id, c.name, c.team_id AS "teamId", t.slug AS team, c.organisation, NULLIF(c.base_url, ${GITHUB_API_URL}) AS "enterpriseUrl",
        CASE WHEN c.app_private_key_enc IS NOT NULL THEN 'app' WHEN c.api_token_enc IS NOT NULL THEN 'token' END AS credentials,
        c.last_synced_at AS "lastSyncedAt",
        (SELECT coalesce(sum(b.gaps_found), 0)::int FROM github_backfill b WHERE b.connection_id = c.id
          AND EXISTS (SELECT 1 FROM github_repository r WHERE r.connection_id = c.id AND r.full_name = b.full_name)) AS "gapsFound",
        coalesce(w.deliveries, 0) AS deliveries, coalesce(w.failed, 0) AS "failedDeliveries"
      FROM github_connection c JOIN team t ON t.id = c.team_id
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS deliveries, (count(*) FILTER (WHERE d.state = 'failed'))::int AS failed
        FROM webhook_delivery d WHERE d.connection_id = c.id) w ON true
      WHERE ${readableTeamsSql(sql`c.team_id`, readable)}
      ORDER BY c.name`),
    queryRows<RepositoryRow>(client, sql`
      SELECT r.connection_id AS "connectionId", r.full_name AS "fullName", s.slug AS service, r.deploy_workflow AS "deployWorkflow",
        b.last_synced_at AS "lastSyncedAt", coalesce(b.gaps_found, 0) AS "gapsFound", coalesce(b.imported, 0) AS imported
      FROM github_repository r JOIN service s ON s.id = r.service_id
      JOIN github_connection c ON c.id = r.connection_id AND ${readableTeamsSql(sql`c.team_id`, readable)}
      LEFT JOIN github_backfill b ON b.connection_id = r.connection_id AND b.full_name = r.full_name
      ORDER BY r.full_name, s.slug`),
  ])
  const byConnection = new Map<number, SettingsGithubRepository[]>()
  for (const { connectionId, ...r } of repositories) byConnection.set(connectionId, [...(byConnection.get(connectionId) ?? []), r])
  return connections.map(({ id, ...c }) => ({ ...c, repositories: byConnection.get(id) ?? [] }))
}
