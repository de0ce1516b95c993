import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { recordOrganisationReconciliation, recordReconciliation, startBackfillProgress } from '@/lib/queries/github-backfill'
import { insertDelivery } from '@/lib/queries/webhook-deliveries'
import { listGithubConnections } from '@/lib/queries/list-github-connections'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// The settings page's GitHub section: repository and organisation connections in one shape, each with
// its repositories' sync state, and nothing sealed in it. Every row here belongs to this test's team.
async function service(teamId: number, slug = uniqueSlug('svc')) {
  const [row] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${teamId}, ${slug}, ${slug}) RETURNING id`)
  return { id: row!.id, slug }
}

async function deliveryFrom(connectionId: number, fullName: string, state = 'pending') {
  const deliveryId = randomUUID()
  await insertDelivery({ deliveryId, connectionId, event: 'deployment_status', action: 'created', rawBody: JSON.stringify({ repository: { full_name: fullName } }) })
  if (state !== 'pending') await pool().query(sql`UPDATE webhook_delivery SET state = ${state} WHERE delivery_id = ${deliveryId}`)
  return deliveryId
}

describe('listGithubConnections', () => {
  it('lists repository and organisation connections with their repositories\' sync state, never a secret', async () => {
    const { teamId, team } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-list')
    const sealed = { secret: `v1:secret-${randomBytes(6).toString('hex')}`, token: `v1:token-${randomBytes(6).toString('hex')}`, key: `v1:key-${randomBytes(6).toString('hex')}` }
    const org = `Org${randomBytes(3).toString('hex')}`
    const owner = org.toLowerCase()

    const repoName = uniqueSlug('gh-repo')
    const repoId = await insertGithubConnection(pool(), { teamId, name: repoName, webhookSecretEnc: sealed.secret, apiTokenEnc: sealed.token })
    const one = await service(teamId)
    await mapGithubRepository(pool(), { connectionId: repoId, fullName: 'Acme/One', serviceId: one.id, deployWorkflow: 'Deploy' })
    await recordReconciliation(repoId, 'acme/one', 2)
    await deliveryFrom(repoId, 'acme/one', 'failed')

    const orgName = uniqueSlug('gh-org')
    const orgId = await insertGithubConnection(pool(), {
      teamId, name: orgName, webhookSecretEnc: sealed.secret, app: { appId: 7, installationId: 8, privateKeyEnc: sealed.key },
      baseUrl: 'https://ghe.example.com/api/v3', organisation: org,
    })
    const [api, monoApi, monoWeb] = [await service(teamId), await service(teamId), await service(teamId)]
    await mapGithubRepository(pool(), { connectionId: orgId, fullName: `${org}/api`, serviceId: api.id })
    await mapGithubRepository(pool(), { connectionId: orgId, fullName: `${org}/mono`, serviceId: monoApi.id, pathPrefixes: ['api'] })
    await mapGithubRepository(pool(), { connectionId: orgId, fullName: `${org}/mono`, serviceId: monoWeb.id, pathPrefixes: ['web'] })
    await recordReconciliation(orgId, `${owner}/api`, 1)
    await startBackfillProgress(orgId, `${owner}/mono`, 12)
    // the organisation hook missed two deliveries of api and one of a repository the connection does not map
    const missed = [await deliveryFrom(orgId, `${org}/api`), await deliveryFrom(orgId, `${owner}/api`), await deliveryFrom(orgId, `${org}/unmapped`)]
    await recordOrganisationReconciliation(orgId, missed)

    const webhooksOnlyName = uniqueSlug('gh-bare')
    await insertGithubConnection(pool(), { teamId, name: webhooksOnlyName, webhookSecretEnc: sealed.secret, organisation: `${org}b` })

    const listed = (await listGithubConnections('all')).filter((c) => c.teamId === teamId)
    expect(listed.map((c) => c.name)).toEqual([repoName, orgName, webhooksOnlyName].sort())
    const byName = new Map(listed.map((c) => [c.name, c]))

    expect(byName.get(repoName)).toEqual({
      name: repoName, teamId, team, organisation: null, enterpriseUrl: null, credentials: 'token', lastSyncedAt: null, gapsFound: 2,
      deliveries: 1, failedDeliveries: 1,
      repositories: [{ fullName: 'acme/one', service: one.slug, deployWorkflow: 'Deploy', lastSyncedAt: expect.any(Date), gapsFound: 2, imported: 0 }],
    })

    const organisation = byName.get(orgName)!
    expect(organisation).toMatchObject({
      organisation: owner, enterpriseUrl: 'https://ghe.example.com/api/v3', credentials: 'app', lastSyncedAt: expect.any(Date),
      gapsFound: 3, deliveries: 3, failedDeliveries: 0,
    })
    expect(Date.now() - organisation.lastSyncedAt!.getTime()).toBeLessThan(60_000)
    const monoServices = [monoApi.slug, monoWeb.slug].sort()
    expect(organisation.repositories).toEqual([
      { fullName: `${owner}/api`, service: api.slug, deployWorkflow: null, lastSyncedAt: expect.any(Date), gapsFound: 3, imported: 0 },
      { fullName: `${owner}/mono`, service: monoServices[0], deployWorkflow: null, lastSyncedAt: null, gapsFound: 0, imported: 0 },
      { fullName: `${owner}/mono`, service: monoServices[1], deployWorkflow: null, lastSyncedAt: null, gapsFound: 0, imported: 0 },
    ])

    expect(byName.get(webhooksOnlyName)).toMatchObject({ organisation: `${owner}b`, credentials: null, lastSyncedAt: null, gapsFound: 0, deliveries: 0, repositories: [] })

    const text = JSON.stringify(listed)
    for (const value of Object.values(sealed)) expect(text).not.toContain(value)
    expect(text).not.toMatch(/enc"|secret|privateKey|apiToken/i)
  })

  it('a second organisation pass adds the gaps it finds to the repository\'s and moves the time', async () => {
    const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-list-again')
    const org = `org${randomBytes(3).toString('hex')}`
    const connectionId = await insertGithubConnection(pool(), { teamId, name: uniqueSlug('gh-org2'), webhookSecretEnc: 'v1:a:b:', apiTokenEnc: 'v1:c:d:', organisation: org })
    await mapGithubRepository(pool(), { connectionId, fullName: `${org}/shop`, serviceId: (await service(teamId)).id })
    await recordOrganisationReconciliation(connectionId, [])
    const first = (await listGithubConnections('all')).find((c) => c.teamId === teamId)!
    expect(first).toMatchObject({ lastSyncedAt: expect.any(Date), gapsFound: 0 })
    await recordOrganisationReconciliation(connectionId, [await deliveryFrom(connectionId, `${org}/shop`)])
    const second = (await listGithubConnections('all')).find((c) => c.teamId === teamId)!
    expect(second.gapsFound).toBe(1)
    expect(second.repositories[0]).toMatchObject({ fullName: `${org}/shop`, gapsFound: 1 })
    expect(second.lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(first.lastSyncedAt!.getTime())
  })
})
