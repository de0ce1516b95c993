import type pg from 'pg'
import type { Queryable } from '@/lib/db'
import { TOKEN_SCOPES, type TokenScope } from '@/lib/auth/token-scopes'

// Scripts (start, token CLI) talk to the database with a plain pg client, before the app runs.
export async function findTeamBySlug(client: pg.ClientBase, slug: string): Promise<{ id: number; slug: string } | null> {
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM team WHERE slug = $1', [slug])
  return rows[0] ?? null
}

export async function firstTeam(client: pg.ClientBase): Promise<{ id: number; slug: string } | null> {
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM team ORDER BY id LIMIT 1')
  return rows[0] ?? null
}

export type NewApiToken = {
  teamId: number; name: string; prefix: string; hash: string
  // default: every scope, no expiry, created by a script (no person)
  scopes?: TokenScope[]; expiresAt?: Date | null; createdBy?: string | null
}

export async function insertApiToken(client: Queryable, t: NewApiToken): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    'INSERT INTO api_token (team_id, name, prefix, hash, scopes, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [t.teamId, t.name, t.prefix, t.hash, t.scopes ?? [...TOKEN_SCOPES], t.expiresAt ?? null, t.createdBy ?? null],
  )
  return rows[0]!.id
}

export async function isActiveTokenHash(client: pg.ClientBase, hash: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM api_token WHERE hash = $1 AND revoked_at IS NULL', [hash])
  return (rowCount ?? 0) > 0
}

export type ApiTokenRow = {
  id: number; teamId: number; team: string; name: string; prefix: string; scopes: TokenScope[]
  createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null; creatorEmail: string | null
}

// Never the hash: what a token list shows to tell tokens apart.
export async function listApiTokens(client: Queryable, teamSlug?: string): Promise<ApiTokenRow[]> {
  const { rows } = await client.query<ApiTokenRow>(
    `SELECT t.id, t.team_id AS "teamId", team.slug AS team, t.name, t.prefix, t.scopes, t.created_at AS "createdAt",
       t.last_used_at AS "lastUsedAt", t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", u.email AS "creatorEmail"
     FROM api_token t JOIN team ON team.id = t.team_id LEFT JOIN auth_user u ON u.id = t.created_by
     WHERE $1::text IS NULL OR team.slug = $1 ORDER BY t.id`,
    [teamSlug ?? null],
  )
  return rows
}

export async function getApiTokenTeam(client: Queryable, id: number): Promise<{ id: number; teamId: number; teamSlug: string } | null> {
  const { rows } = await client.query<{ id: number; teamId: number; teamSlug: string }>(
    'SELECT t.id, t.team_id AS "teamId", team.slug AS "teamSlug" FROM api_token t JOIN team ON team.id = t.team_id WHERE t.id = $1',
    [id],
  )
  return rows[0] ?? null
}

export async function revokeApiToken(client: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await client.query('UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])
  return (rowCount ?? 0) > 0
}
