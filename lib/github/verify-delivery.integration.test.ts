import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sign } from '@octokit/webhooks-methods'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGithubConnection, mapGithubRepository } = await import('@/lib/queries/github-connections')
const { connectionForSignature, deliveryOrigin, forgetConnections } = await import('@/lib/github/verify-delivery')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')

// The repository or App installation a delivery names only picks the secret tried first: the signature
// alone decides, whichever connection it names.
describe('connectionForSignature', () => {
  it('finds the signing connection, trying the one the payload names first', async () => {
    const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-verify')
    const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
    const { rows: [service] } = await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [teamId, uniqueSlug('verify')])
    const installationId = Math.floor(Math.random() * 1e9)
    const make = async (label: string, app?: boolean) => {
      const secret = randomBytes(16).toString('hex')
      const id = await insertGithubConnection(pool(), {
        teamId, name: uniqueSlug(label), webhookSecretEnc: sealSecret(secret, key),
        app: app ? { appId: 1, installationId, privateKeyEnc: sealSecret('key', key) } : undefined,
      })
      return { id, secret }
    }
    const [mapped, byApp, other] = [await make('mapped'), await make('app', true), await make('other')]
    const repo = `Owner-${randomBytes(3).toString('hex')}/Repo`
    await mapGithubRepository(pool(), { connectionId: mapped.id, fullName: repo, serviceId: service!.id })
    forgetConnections()
    const check = async (payload: object, secret: string) => {
      const body = JSON.stringify(payload)
      return (await connectionForSignature(body, await sign(secret, body), deliveryOrigin(payload)))?.id ?? null
    }
    expect(await check({ repository: { full_name: repo } }, mapped.secret)).toBe(mapped.id)
    expect(await check({ repository: { full_name: 'elsewhere/unmapped' }, installation: { id: installationId } }, byApp.secret)).toBe(byApp.id)
    expect(await check({ repository: { full_name: 'elsewhere/unmapped' } }, other.secret)).toBe(other.id)
    // naming a connection is no credential: another connection's signature is that connection's delivery
    expect(await check({ repository: { full_name: repo } }, other.secret)).toBe(other.id)
    expect(await check({ repository: { full_name: repo } }, 'not-a-secret-of-anyone')).toBeNull()
  })
})
