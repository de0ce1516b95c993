import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sign } from '@octokit/webhooks-methods'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGithubConnection } = await import('@/lib/queries/github-connections')
const { forgetConnections, parseSignature, readSignedBody } = await import('@/lib/github/verify-delivery')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')

// The signature alone decides which connection a delivery belongs to, computed over the bytes as they
// arrive (in chunks split anywhere, even inside a multi-byte character).
describe('readSignedBody', () => {
  it('names the connection whose secret signed the bytes, whatever the chunks, and no other', async () => {
    const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-verify')
    const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
    const make = async (label: string) => {
      const secret = randomBytes(16).toString('hex')
      const id = await insertGithubConnection(pool(), { teamId, name: uniqueSlug(label), webhookSecretEnc: sealSecret(secret, key) })
      return { id, secret }
    }
    const [first, second] = [await make('first'), await make('second')]
    forgetConnections()
    const body = JSON.stringify({ zen: 'Plimsoll é ✓', repository: { full_name: 'octo/repo' } })
    const bytes = Buffer.from(body)
    const chunks = [bytes.subarray(0, 17), bytes.subarray(17, 18), bytes.subarray(18)]
    const check = async (secret: string) => {
      const r = await readSignedBody(chunks, parseSignature(await sign(secret, body))!)
      expect(r.raw.equals(r.connection ? bytes : Buffer.alloc(0))).toBe(true)
      return r.connection?.id ?? null
    }
    expect(await check(first.secret)).toBe(first.id)
    expect(await check(second.secret)).toBe(second.id)
    expect(await check('not-a-secret-of-anyone')).toBeNull()
    // a connection made after the cache was filled is found by the reload after a miss
    await new Promise((r) => setTimeout(r, 1_100))
    const late = await make('late')
    expect(await check(late.secret)).toBe(late.id)
  })

  it('accepts only sha256= and 64 hex digits as a signature', () => {
    expect(parseSignature(`sha256=${'ab'.repeat(32)}`)?.length).toBe(32)
    for (const bad of ['sha256=00', `sha1=${'ab'.repeat(20)}`, `sha256=${'AB'.repeat(32)}`, `sha256=${'ab'.repeat(32)} `, '']) expect(parseSignature(bad)).toBeNull()
  })
})
