import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type GitlabConnection = { id: number; teamId: number; teamSlug: string }
export type GitlabProject = { serviceId: number; serviceSlug: string; pipelineDeploys: boolean }

export async function insertGitlabConnection(client: Queryable, c: { teamId: number; name: string; webhookTokenEnc: string }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(client, sql`
    INSERT INTO gitlab_connection (team_id, name, webhook_token_enc) VALUES (${c.teamId}, ${c.name}, ${c.webhookTokenEnc}) RETURNING id`)
  return row!.id
}

// Every connection with its sealed token, for matching a delivery's X-Gitlab-Token.
export async function listGitlabTokens(client: Queryable = pool()): Promise<{ id: number; webhookTokenEnc: string }[]> {
  return queryRows(client, sql`SELECT id, webhook_token_enc AS "webhookTokenEnc" FROM gitlab_connection ORDER BY id`)
}

export async function getGitlabConnection(by: { id: number } | { name: string }, client: Queryable = pool()): Promise<GitlabConnection | null> {
  const where = 'id' in by ? sql`c.id = ${by.id}` : sql`c.name = ${by.name}`
  const [row] = await queryRows<GitlabConnection>(client, sql`
    SELECT c.id, c.team_id AS "teamId", t.slug AS "teamSlug" FROM gitlab_connection c JOIN team t ON t.id = c.team_id WHERE ${where}`)
  return row ?? null
}

// Routes a project's events (path_with_namespace) to a service.
export async function mapGitlabProject(client: Queryable, p: { connectionId: number; path: string; serviceId: number; pipelineDeploys?: boolean }): Promise<void> {
  await client.query(sql`
    INSERT INTO gitlab_project (connection_id, path, service_id, pipeline_deploys)
    VALUES (${p.connectionId}, ${p.path.toLowerCase()}, ${p.serviceId}, ${p.pipelineDeploys ?? false})
    ON CONFLICT (connection_id, path) DO UPDATE SET service_id = EXCLUDED.service_id, pipeline_deploys = EXCLUDED.pipeline_deploys`)
}

export async function getGitlabProject(connectionId: number, path: string, client: Queryable = pool()): Promise<GitlabProject | null> {
  const [row] = await queryRows<GitlabProject>(client, sql`
    SELECT p.service_id AS "serviceId", s.slug AS "serviceSlug", p.pipeline_deploys AS "pipelineDeploys"
    FROM gitlab_project p JOIN service s ON s.id = p.service_id
    WHERE p.connection_id = ${connectionId} AND p.path = ${path.toLowerCase()}`)
  return row ?? null
}
