import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type ConnectionSecret = { id: number; webhookSecretEnc: string }
export type MappedRepository = { serviceId: number; serviceSlug: string; deployWorkflow: string | null }

export async function insertGithubConnection(client: Queryable, c: { teamId: number; name: string; webhookSecretEnc: string; apiTokenEnc?: string; incidentLabel?: string; baseUrl?: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(client, sql`
    INSERT INTO github_connection (team_id, name, webhook_secret_enc, api_token_enc, incident_label, base_url)
    VALUES (${c.teamId}, ${c.name}, ${c.webhookSecretEnc}, ${c.apiTokenEnc ?? null}, ${c.incidentLabel ?? 'incident'}, ${c.baseUrl ?? 'https://api.github.com'})
    RETURNING id`)
  return row!.id
}

// Every connection with its sealed secret, for verifying a delivery's signature.
export async function listConnectionSecrets(client: Queryable = pool()): Promise<ConnectionSecret[]> {
  return queryRows<ConnectionSecret>(client, sql`
    SELECT id, webhook_secret_enc AS "webhookSecretEnc" FROM github_connection ORDER BY id`)
}

export type GithubConnection = { id: number; teamId: number; teamSlug: string; incidentLabel: string; baseUrl: string }

const connectionColumns = sql`c.id, c.team_id AS "teamId", t.slug AS "teamSlug", c.incident_label AS "incidentLabel", c.base_url AS "baseUrl"`

// One connection, by id (a delivery's) or by name (the command line's); never its secrets.
export async function getGithubConnection(by: { id: number } | { name: string }, client: Queryable = pool()): Promise<GithubConnection | null> {
  const where = 'id' in by ? sql`c.id = ${by.id}` : sql`c.name = ${by.name}`
  const [row] = await queryRows<GithubConnection>(client, sql`
    SELECT ${connectionColumns} FROM github_connection c JOIN team t ON t.id = c.team_id WHERE ${where}`)
  return row ?? null
}

export async function mapGithubRepository(client: Queryable, r: { connectionId: number; fullName: string; serviceId: number; deployWorkflow?: string | null }): Promise<void> {
  await client.query(sql`
    INSERT INTO github_repository (connection_id, full_name, service_id, deploy_workflow)
    VALUES (${r.connectionId}, ${r.fullName.toLowerCase()}, ${r.serviceId}, ${r.deployWorkflow ?? null})
    ON CONFLICT (connection_id, full_name) DO UPDATE SET service_id = EXCLUDED.service_id, deploy_workflow = EXCLUDED.deploy_workflow`)
}

export async function findMappedRepository(connectionId: number, fullName: string, client: Queryable = pool()): Promise<MappedRepository | null> {
  const [row] = await queryRows<MappedRepository>(client, sql`
    SELECT r.service_id AS "serviceId", s.slug AS "serviceSlug", r.deploy_workflow AS "deployWorkflow"
    FROM github_repository r JOIN service s ON s.id = r.service_id
    WHERE r.connection_id = ${connectionId} AND r.full_name = ${fullName.toLowerCase()}`)
  return row ?? null
}
