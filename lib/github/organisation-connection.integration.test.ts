import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import examples from '@octokit/webhooks-examples'
import { signedDelivery } from '@/lib/testing/github-deliveries'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGithubConnection, mapGithubRepository } = await import('@/lib/queries/github-connections')
const { receiveGithubDelivery } = await import('@/lib/github/receive-delivery')
const { processDelivery } = await import('@/lib/github/process-delivery')
const { forgetConnections } = await import('@/lib/github/verify-delivery')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { reconcileOrganisation } = await import('@/lib/github/reconcile')
const { mapOrganisationRepositories } = await import('@/lib/github/organisation-repository')
const { getGithubConnection } = await import('@/lib/queries/github-connections')
const { listGithubConnections } = await import('@/lib/queries/list-github-connections')
const { githubClient } = await import('@/lib/github/github-client')
const { startGithubApiServer } = await import('@/lib/testing/github-api-server')

// One connection for a whole GitHub organisation: its webhook's deliveries from any repository of the
// organisation are accepted, and a repository nobody mapped becomes the service of its name.
const base = (examples as { name: string; examples: Record<string, any>[] }[]).find((e) => e.name === 'deployment_status')!.examples[0]!

function deploymentStatus(fullName: string, id: number) {
  const [login, name] = fullName.split('/')
  return {
    ...base,
    repository: { ...base.repository, full_name: fullName, name, owner: { ...base.repository.owner, login } },
    deployment: { ...base.deployment, id, sha: randomBytes(20).toString('hex'), environment: 'production', created_at: '2026-05-01T10:00:00Z' },
    deployment_status: { ...base.deployment_status, state: 'success', created_at: '2026-05-01T10:05:00Z' },
  }
}

const deploymentsOf = (service: string) => queryRows<{ team: string; externalId: string }>(pool(), sql`
  SELECT t.slug AS team, d.external_id AS "externalId" FROM deployment d JOIN service s ON s.id = d.service_id JOIN team t ON t.id = s.team_id
  WHERE s.slug = ${service} ORDER BY d.external_id`)

describe('organisation connections', () => {
  it('maps every repository of the organisation to the service of its name, keeps explicit mappings, ignores other owners', async () => {
    const { teamId, team } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-org')
    const other = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-org-other')
    const org = `Org${randomBytes(3).toString('hex')}`
    const secret = randomBytes(16).toString('hex')
    const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
    const connectionId = await insertGithubConnection(pool(), { teamId, name: uniqueSlug('org'), webhookSecretEnc: sealSecret(secret, key), organisation: org })
    // a repository mapped by hand keeps its service; another team already has a service named like a repository (no matter)
    const [api, web, taken, mapped] = [uniqueSlug('api'), uniqueSlug('web'), uniqueSlug('taken'), uniqueSlug('mapped')]
    const { rows: [own] } = await pool().query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [teamId, mapped])
    const legacy = uniqueSlug('legacy')
    await mapGithubRepository(pool(), { connectionId, fullName: `${org}/${legacy}`, serviceId: own!.id })
    await pool().query('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2)', [other.teamId, taken])
    forgetConnections()

    const deliver = async (fullName: string, id: number) => {
      const { id: deliveryId, request } = await signedDelivery('deployment_status', deploymentStatus(fullName, id), secret)
      expect(await receiveGithubDelivery(request)).toMatchObject({ duplicate: false })
      return processDelivery(deliveryId)
    }
    const n = Math.floor(Math.random() * 1e9)
    expect((await deliver(`${org}/${api}`, n)).state).toBe('processed')
    expect((await deliver(`${org}/${web}`, n + 1)).state).toBe('processed')
    expect((await deliver(`${org}/${api}`, n + 2)).state).toBe('processed')
    expect((await deliver(`${org}/${legacy}`, n + 3)).state).toBe('processed')
    expect((await deliver(`${org}/${taken}`, n + 4)).state).toBe('processed')
    expect(await deliver(`someone-else/${uniqueSlug('x')}`, n + 5)).toMatchObject({ state: 'ignored', note: expect.stringMatching(/not mapped/) })

    expect(await deploymentsOf(api)).toEqual([{ team, externalId: String(n) }, { team, externalId: String(n + 2) }])
    expect(await deploymentsOf(web)).toEqual([{ team, externalId: String(n + 1) }])
    expect(await deploymentsOf(mapped)).toEqual([{ team, externalId: String(n + 3) }])
    expect(await deploymentsOf(legacy)).toEqual([])
    // slugs are unique per team: the connection's team gets a service of its own of that name, the other team's is untouched
    expect(await deploymentsOf(taken)).toEqual([{ team, externalId: String(n + 4) }])
    expect(await deploymentsOf(`${org.toLowerCase()}-${taken}`)).toEqual([])
  })

  it('reads back what the organisation hook failed to deliver, for a repository never seen before', async () => {
    const api = startGithubApiServer()
    await api.start()
    try {
      const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-org-reconcile')
      const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
      const organisation = `org${randomBytes(3).toString('hex')}`
      const connectionId = await insertGithubConnection(pool(), {
        teamId, name: uniqueSlug('org-r'), webhookSecretEnc: sealSecret('s', key), apiTokenEnc: sealSecret('token-org', key), baseUrl: api.url(), organisation,
      })
      const missed = await reconcileOrganisation({ connectionId, organisation }, new Date('2026-03-01T00:00:00Z'))
      expect(missed).toEqual([api.orgMissedGuid])
      expect(api.hits.get(`/orgs/${organisation}/hooks/88/deliveries/9002`)).toBe(1)
      const rows = await queryRows<{ state: string; externalId: string; status: string }>(pool(), sql`
        SELECT w.state, d.external_id AS "externalId", d.status::text AS status
        FROM webhook_delivery w JOIN github_repository r ON r.connection_id = w.connection_id AND r.full_name = ${`${organisation}/shop`}
        JOIN deployment d ON d.service_id = r.service_id
        WHERE w.delivery_id = ${api.orgMissedGuid}`)
      expect(rows).toEqual([{ state: 'processed', externalId: '302', status: 'success' }])
      // a second pass finds it stored: nothing imported again
      expect(await reconcileOrganisation({ connectionId, organisation }, new Date('2026-03-01T00:00:00Z'))).toEqual([])
      // /settings: when the organisation hook was read, and the missed delivery as a gap of its repository
      const [shown] = (await listGithubConnections('all')).filter((c) => c.teamId === teamId)
      expect(shown).toMatchObject({ organisation, lastSyncedAt: expect.any(Date), gapsFound: 1, repositories: [{ fullName: `${organisation}/shop`, gapsFound: 1 }] })
    } finally {
      await api.stop()
    }
  })

  it('maps every repository the organisation lists, archived ones left out, for the organisation backfill', async () => {
    const api = startGithubApiServer()
    await api.start()
    try {
      const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-org-list')
      const organisation = `org${randomBytes(3).toString('hex')}`
      const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
      const id = await insertGithubConnection(pool(), { teamId, name: uniqueSlug('org-l'), webhookSecretEnc: sealSecret('s', key), organisation })
      const connection = (await getGithubConnection({ id }))!
      const github = githubClient({ token: 't', baseUrl: api.url() })
      expect(await mapOrganisationRepositories(github, connection)).toEqual([`${organisation}/shop`])
      // listed again: the mapping is kept, nothing created twice
      expect(await mapOrganisationRepositories(github, connection)).toEqual([`${organisation}/shop`])
      const rows = await queryRows<{ fullName: string; team: number }>(pool(), sql`
        SELECT r.full_name AS "fullName", s.team_id AS team FROM github_repository r JOIN service s ON s.id = r.service_id WHERE r.connection_id = ${id}`)
      expect(rows).toEqual([{ fullName: `${organisation}/shop`, team: teamId }])
    } finally {
      await api.stop()
    }
  })
})
