import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGithubConnection, mapGithubRepository } = await import('@/lib/queries/github-connections')
const { connectionClient } = await import('@/lib/github/connection-client')
const { backfillRepository } = await import('@/lib/github/backfill')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { startGithubApiServer } = await import('@/lib/testing/github-api-server')
const { listGithubConnections } = await import('@/lib/queries/list-github-connections')

// A connection with GitHub App credentials instead of a token: the client signs a JWT with the
// stored (sealed) private key, exchanges it for installation 42's token, and reads with that.
const api = startGithubApiServer()

describe('GitHub App credentials', () => {
  beforeAll(() => api.start())
  afterAll(() => api.stop())

  it('imports a repository as the App installation, with the private key stored sealed', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
    const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'ghapp')
    const connectionId = await insertGithubConnection(pool(), {
      teamId: team.teamId, name: uniqueSlug('ghapp'), webhookSecretEnc: sealSecret('s', key), baseUrl: api.url(),
      app: { appId: 1234, installationId: 42, privateKeyEnc: sealSecret(privateKey, key) },
    })
    const slug = uniqueSlug('app')
    const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${team.teamId}, ${slug}, 'app') RETURNING id`)
    await mapGithubRepository(pool(), { connectionId, fullName: 'acme/shop', serviceId: s!.id })
    const [stored] = await queryRows<{ enc: string }>(pool(), sql`SELECT app_private_key_enc AS enc FROM github_connection WHERE id = ${connectionId}`)
    expect(stored!.enc).toMatch(/^v2:[0-9a-f]{12}:/)
    expect(stored!.enc).not.toContain('PRIVATE KEY')

    // reconciled hourly like a token's connection (shown so on /settings)
    expect((await listGithubConnections('all')).find((c) => c.repositories.some((r) => r.service === slug))).toMatchObject({ credentials: 'app' })

    const client = await connectionClient(connectionId)
    const first = api.authorizations.length
    const progress = await backfillRepository({ github: client!.github, connectionId, fullName: 'acme/shop', now: new Date('2026-03-10T00:00:00Z') })
    // 3 deployments, 2 incidents, and pull request #7's row (issue 25)
    expect(progress).toMatchObject({ done: 6, created: 6 })
    const used = api.authorizations.slice(first)
    // one JWT-authenticated token exchange, then every call with the installation token
    expect(used[0]).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i)
    expect(api.hits.get('/app/installations/42/access_tokens')).toBe(1)
    expect(new Set(used.slice(1))).toEqual(new Set(['token ghs_installation']))
  }, 30_000)

  it('a connection without credentials has no API client (webhooks only)', async () => {
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'ghnone')
    const connectionId = await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug('ghnone'), webhookSecretEnc: 'v1:a:b:' })
    expect(await connectionClient(connectionId)).toBeNull()
  })
})
