import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { generateApiToken } from '@/lib/auth/api-token'
import { insertApiToken } from '@/lib/queries/create-api-token'

// A team of its own with a fresh token, so tests never depend on shared rows.
export async function seedTeamWithToken(databaseUrl: string, label: string): Promise<{ team: string; token: string }> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: number }>('INSERT INTO team (slug, name) VALUES ($1, $2) RETURNING id', [slug, `Team ${slug}`])
    const t = generateApiToken()
    await insertApiToken(client, { teamId: rows[0]!.id, name: 'e2e', prefix: t.prefix, hash: t.hash })
    return { team: slug, token: t.token }
  } finally {
    await client.end()
  }
}
