import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { generateApiToken, hashApiToken } from '@/lib/auth/api-token'
import { firstTeam, insertApiToken, isActiveTokenHash } from '@/lib/queries/create-api-token'

// The token `npm start` prints. Only its hash is in the database; the plaintext stays in the local
// data directory (never in the repository) so every start can print the same one.
export async function ensureDemoToken(client: pg.ClientBase, dataDir: string): Promise<{ token: string; team: string } | null> {
  const file = path.join(dataDir, 'demo-token')
  const team = await firstTeam(client)
  if (!team) return null
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim()
    if (token && (await isActiveTokenHash(client, hashApiToken(token)))) return { token, team: team.slug }
  }
  const created = generateApiToken()
  await insertApiToken(client, { teamId: team.id, name: 'demo (npm start)', prefix: created.prefix, hash: created.hash })
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, created.token + '\n', { mode: 0o600 })
  return { token: created.token, team: team.slug }
}
