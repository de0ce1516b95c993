import type { TokenPrincipal } from '@/lib/auth/principal'
import { TOKEN_SCOPES } from '@/lib/auth/token-scopes'
import { randomBytes } from 'node:crypto'
import { withClient } from '@/lib/db'
import { generateApiToken } from '@/lib/auth/api-token'
import { insertApiToken } from '@/lib/queries/create-api-token'

export type SeededTeam = { teamId: number; team: string; tokenId: number; token: string }

// A team of its own with a fresh token, so tests never depend on shared rows.
export async function seedTeamWithToken(databaseUrl: string, label: string): Promise<SeededTeam> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: number }>('INSERT INTO team (slug, name) VALUES ($1, $2) RETURNING id', [slug, `Team ${slug}`])
    const teamId = rows[0]!.id
    const t = generateApiToken()
    const tokenId = await insertApiToken(client, { teamId, name: 'test', prefix: t.prefix, hash: t.hash })
    return { teamId, team: slug, tokenId, token: t.token }
  })
}

export function uniqueSlug(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`
}

// The principal the route wrapper makes of a seeded team's token (every scope).
export function tokenPrincipalOf(seeded: SeededTeam): TokenPrincipal {
  return { kind: 'token', tokenId: seeded.tokenId, teamId: seeded.teamId, teamSlug: seeded.team, scopes: [...TOKEN_SCOPES] }
}
