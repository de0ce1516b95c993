import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { sign } from '@octokit/webhooks-methods'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGithubConnection, mapGithubRepository } = await import('@/lib/queries/github-connections')
const { backfillRepository } = await import('@/lib/github/backfill')
const { githubClient } = await import('@/lib/github/github-client')
const { receiveGithubDelivery } = await import('@/lib/github/receive-delivery')
const { processDelivery } = await import('@/lib/github/process-delivery')
const { forgetConnections } = await import('@/lib/github/verify-delivery')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { historyAsWebhooks, startGithubApiServer } = await import('@/lib/testing/github-api-server')

// The same repository history, once delivered live as webhooks and once imported through the API,
// into two teams: the lead time of every change and the metrics built on them must be identical.
const api = startGithubApiServer()
const secret = randomBytes(16).toString('hex')

async function setUp(label: string) {
  const team = await seedTeamWithToken(process.env.DATABASE_URL!, label)
  const connectionId = await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug(label), webhookSecretEnc: sealSecret(secret, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)) })
  const service = uniqueSlug(label)
  const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${team.teamId}, ${service}, ${service}) RETURNING id`)
  await mapGithubRepository(pool(), { connectionId, fullName: 'acme/shop', serviceId: s!.id })
  return { connectionId, serviceId: s!.id }
}

const leadTimes = (serviceId: number) => queryRows<{ sha: string; deployedAt: Date; seconds: number }>(pool(), sql`
  SELECT c.sha, f.deployed_at AS "deployedAt", date_part('epoch', f.deployed_at - f.committed_at) AS seconds
  FROM change_first_deployment f JOIN change c ON c.id = f.change_id WHERE c.service_id = ${serviceId} ORDER BY c.sha`)

describe('lead time: webhooks and the history import agree', () => {
  beforeAll(() => api.start())
  afterAll(() => api.stop())

  it('gives every change the same first deployment and lead time', async () => {
    // webhooks first, while only this team's connection signs with the secret
    const live = await setUp('live')
    forgetConnections()
    for (const { event, payload } of historyAsWebhooks) {
      const body = JSON.stringify(payload)
      const id = randomUUID()
      await receiveGithubDelivery(new Request('http://localhost/api/webhooks/github', {
        method: 'POST', body,
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': await sign(secret, body) },
      }))
      expect(await processDelivery(id)).toMatchObject({ state: 'processed' })
    }
    const imported = await setUp('import')
    await backfillRepository({ github: githubClient({ token: 't', baseUrl: api.url() }), connectionId: imported.connectionId, fullName: 'acme/shop', now: new Date('2026-03-10T00:00:00Z') })

    const [a, b] = [await leadTimes(live.serviceId), await leadTimes(imported.serviceId)]
    expect(a).toHaveLength(3)
    expect(b).toEqual(a)
  }, 30_000)
})
