import type pg from 'pg'
import type { Queryable } from '@/lib/db'

// Scripts (start, token CLI) talk to the database with a plain pg client, before the app runs.
export async function findTeamBySlug(client: pg.ClientBase, slug: string): Promise<{ id: number; slug: string } | null> {
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM team WHERE slug = $1', [slug])
  return rows[0] ?? null
}

export async function firstTeam(client: pg.ClientBase): Promise<{ id: number; slug: string } | null> {
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM team ORDER BY id LIMIT 1')
  return rows[0] ?? null
}

export async function insertApiToken(client: pg.ClientBase, t: { teamId: number; name: string; prefix: string; hash: string }): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    'INSERT INTO api_token (team_id, name, prefix, hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [t.teamId, t.name, t.prefix, t.hash],
  )
  return rows[0]!.id
}

export async function isActiveTokenHash(client: pg.ClientBase, hash: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM api_token WHERE hash = $1 AND revoked_at IS NULL', [hash])
  return (rowCount ?? 0) > 0
}

export async function listApiTokens(client: Queryable, teamSlug?: string) {
  const { rows } = await client.query<{ id: number; team: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }>(
    `SELECT t.id, team.slug AS team, t.name, t.prefix, t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"
     FROM api_token t JOIN team ON team.id = t.team_id WHERE $1::text IS NULL OR team.slug = $1 ORDER BY t.id`,
    [teamSlug ?? null],
  )
  return rows
}

export async function revokeApiToken(client: pg.ClientBase, id: number): Promise<boolean> {
  const { rowCount } = await client.query('UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])
  return (rowCount ?? 0) > 0
}
