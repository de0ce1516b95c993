import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type ConnectionSecret = { id: number; webhookSecretEnc: string }
export type MappedRepository = { serviceId: number; serviceSlug: string; deployWorkflow: string | null; pathPrefixes: string[] }

// API credentials: a sealed token, or a GitHub App installation with its sealed private key.
export type SealedApp = { appId: number; installationId: number; privateKeyEnc: string }

export const GITHUB_API_URL = 'https://api.github.com'

// organisation: a GitHub organisation's login; the connection then covers all of its repositories
export async function insertGithubConnection(client: Queryable, c: { teamId: number; name: string; webhookSecretEnc: string; apiTokenEnc?: string; app?: SealedApp; incidentLabel?: string; baseUrl?: string; organisation?: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(client, sql`
    INSERT INTO github_connection (team_id, name, webhook_secret_enc, api_token_enc, app_id, app_installation_id, app_private_key_enc, incident_label, base_url, organisation)
    VALUES (${c.teamId}, ${c.name}, ${c.webhookSecretEnc}, ${c.apiTokenEnc ?? null}, ${c.app?.appId ?? null}, ${c.app?.installationId ?? null},
      ${c.app?.privateKeyEnc ?? null}, ${c.incidentLabel ?? 'incident'}, ${c.baseUrl ?? GITHUB_API_URL}, ${c.organisation?.toLowerCase() ?? null})
    RETURNING id`)
  return row!.id
}

export type ConnectionCredentials = { baseUrl: string; apiTokenEnc: string | null; app: SealedApp | null }

// Only for building an API client (lib/github/connection-client.ts): the sealed credentials.
export async function getConnectionCredentials(id: number, client: Queryable = pool()): Promise<ConnectionCredentials | null> {
  const [row] = await queryRows<ConnectionCredentials>(client, sql`
    SELECT base_url AS "baseUrl", api_token_enc AS "apiTokenEnc",
      CASE WHEN app_private_key_enc IS NOT NULL THEN json_build_object('appId', app_id, 'installationId', app_installation_id, 'privateKeyEnc', app_private_key_enc) END AS app
    FROM github_connection WHERE id = ${id}`)
  return row ?? null
}

// Every connection with its sealed secret, for verifying a delivery's signature.
export async function listConnectionSecrets(client: Queryable = pool()): Promise<ConnectionSecret[]> {
  return queryRows<ConnectionSecret>(client, sql`
    SELECT id, webhook_secret_enc AS "webhookSecretEnc" FROM github_connection ORDER BY id`)
}

export type GithubConnection = { id: number; teamId: number; teamSlug: string; incidentLabel: string; baseUrl: string; organisation: string | null }

const connectionColumns = sql`c.id, c.team_id AS "teamId", t.slug AS "teamSlug", c.incident_label AS "incidentLabel", c.base_url AS "baseUrl", c.organisation`

// One connection, by id (a delivery's) or by name (the command line's); never its secrets.
export async function getGithubConnection(by: { id: number } | { name: string }, client: Queryable = pool()): Promise<GithubConnection | null> {
  const where = 'id' in by ? sql`c.id = ${by.id}` : sql`c.name = ${by.name}`
  const [row] = await queryRows<GithubConnection>(client, sql`
    SELECT ${connectionColumns} FROM github_connection c JOIN team t ON t.id = c.team_id WHERE ${where}`)
  return row ?? null
}

// Routes a repository's events to a service. Without path prefixes the repository is that one
// service (replacing earlier mappings); with them (a monorepo) the service is added next to the
// repository's other services and owns the commits that touch its prefixes (service.path_prefixes).
export async function mapGithubRepository(client: Queryable, r: { connectionId: number; fullName: string; serviceId: number; deployWorkflow?: string | null; pathPrefixes?: string[] }): Promise<void> {
  const fullName = r.fullName.toLowerCase()
  if (r.pathPrefixes?.length) {
    await client.query(sql`UPDATE service SET path_prefixes = ${r.pathPrefixes}::text[] WHERE id = ${r.serviceId}`)
  } else {
    await client.query(sql`DELETE FROM github_repository WHERE connection_id = ${r.connectionId} AND full_name = ${fullName} AND service_id <> ${r.serviceId}`)
  }
  await client.query(sql`
    INSERT INTO github_repository (connection_id, full_name, service_id, deploy_workflow)
    VALUES (${r.connectionId}, ${fullName}, ${r.serviceId}, ${r.deployWorkflow ?? null})
    ON CONFLICT (connection_id, full_name, service_id) DO UPDATE SET deploy_workflow = EXCLUDED.deploy_workflow`)
}

// The services a repository maps to, the whole-repository ones first: the first one takes the events
// that name no path (deployments through the API, issues); workflow runs go to the service whose
// deploy workflow ran, commits to the services whose prefixes they touch.
export async function listRepositoryServices(connectionId: number, fullName: string, client: Queryable = pool()): Promise<MappedRepository[]> {
  return queryRows<MappedRepository>(client, sql`
    SELECT r.service_id AS "serviceId", s.slug AS "serviceSlug", r.deploy_workflow AS "deployWorkflow", s.path_prefixes AS "pathPrefixes"
    FROM github_repository r JOIN service s ON s.id = r.service_id
    WHERE r.connection_id = ${connectionId} AND r.full_name = ${fullName.toLowerCase()}
    ORDER BY cardinality(s.path_prefixes) > 0, r.id`)
}

export async function findMappedRepository(connectionId: number, fullName: string, client: Queryable = pool()): Promise<MappedRepository | null> {
  return (await listRepositoryServices(connectionId, fullName, client))[0] ?? null
}
