import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import type { Caller } from '@/lib/auth/resolve-caller'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

let caller: Caller
let other: Caller
const raw = { raw: '{}', receivedAt: new Date(), kind: 'deployment' }
const t = (s: string) => new Date(s)

function deployment(service: string, id: string, over: Partial<DeploymentInput> = {}): DeploymentInput {
  return {
    source: 'api',
    externalId: id,
    service: { slug: service },
    environment: { name: 'production', path: 'environment' },
    status: 'success',
    finishedAt: t('2026-05-01T10:00:00Z'),
    commits: [{ sha: 'aaaaaaa' }, { sha: 'bbbbbbb' }],
    ...over,
  }
}

async function firstDeployments(service: string) {
  return queryRows<{ sha: string; externalId: string }>(pool(), sql`
    SELECT c.sha, d.external_id AS "externalId" FROM change_first_deployment f
    JOIN change c ON c.id = f.change_id JOIN deployment d ON d.id = f.deployment_id JOIN service s ON s.id = c.service_id
    WHERE s.slug = ${service} ORDER BY c.sha`)
}

beforeAll(async () => {
  const a = await seedTeamWithToken(process.env.DATABASE_URL!, 'it-a')
  const b = await seedTeamWithToken(process.env.DATABASE_URL!, 'it-b')
  caller = { tokenId: a.tokenId, teamId: a.teamId, teamSlug: a.team }
  other = { tokenId: b.tokenId, teamId: b.teamId, teamSlug: b.team }
})

describe('ingestDeployments against PostgreSQL', () => {
  it('creates, then treats a replay as unchanged, and logs every accepted request', async () => {
    const service = uniqueSlug('svc')
    const first = await ingestDeployments(caller, [deployment(service, 'd1')], raw)
    const replay = await ingestDeployments(caller, [deployment(service, 'd1')], raw)
    expect([first.outcome, replay.outcome]).toEqual(['created', 'unchanged'])
    expect(replay.deployments[0]).toMatchObject({ id: first.deployments[0]!.id, commitCount: 2 })
    const [{ n }] = (await queryRows<{ n: number }>(pool(), sql`
      SELECT count(*)::int AS n FROM ingest_log WHERE token_id = ${caller.tokenId} AND kind = 'deployment'`)) as [{ n: number }]
    expect(n).toBeGreaterThanOrEqual(2)
  })

  it('keeps the earliest successful deployment per change even when deployments arrive out of order', async () => {
    const service = uniqueSlug('svc')
    await ingestDeployments(caller, [deployment(service, 'late', { finishedAt: t('2026-05-03T00:00:00Z') })], raw)
    await ingestDeployments(caller, [deployment(service, 'early', { finishedAt: t('2026-05-02T00:00:00Z'), commits: [{ sha: 'aaaaaaa' }] })], raw)
    expect(await firstDeployments(service)).toEqual([
      { sha: 'aaaaaaa', externalId: 'early' },
      { sha: 'bbbbbbb', externalId: 'late' },
    ])
    // the early one turns out to have failed: its changes fall back to the next successful deployment
    await ingestDeployments(caller, [deployment(service, 'early', { status: 'failure', finishedAt: t('2026-05-02T00:00:00Z') })], raw)
    expect(await firstDeployments(service)).toEqual([
      { sha: 'aaaaaaa', externalId: 'late' },
      { sha: 'bbbbbbb', externalId: 'late' },
    ])
  })

  it('does not count failed or in-progress deployments as delivering a change', async () => {
    const service = uniqueSlug('svc')
    await ingestDeployments(caller, [deployment(service, 'f', { status: 'failure' })], raw)
    await ingestDeployments(caller, [deployment(service, 'p', { status: 'in_progress', finishedAt: undefined })], raw)
    expect(await firstDeployments(service)).toEqual([])
  })

  it('stores one deployment when the same id is posted concurrently', async () => {
    const service = uniqueSlug('svc')
    await ingestDeployments(caller, [deployment(service, 'seed')], raw)
    const results = await Promise.all(Array.from({ length: 8 }, () => ingestDeployments(caller, [deployment(service, 'same')], raw)))
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1)
    const [{ n }] = (await queryRows<{ n: number }>(pool(), sql`
      SELECT count(*)::int AS n FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} AND d.external_id = 'same'`)) as [{ n: number }]
    expect(n).toBe(1)
  })

  it('writes another team\'s slug to a service of the caller\'s own team, never to theirs', async () => {
    const service = uniqueSlug('svc')
    await ingestDeployments(caller, [deployment(service, 'd1')], raw)
    await ingestDeployments(other, [deployment(service, 'd1', { status: 'failure' })], raw)
    const rows = await queryRows<{ teamId: number; externalId: string; status: string }>(pool(), sql`
      SELECT s.team_id AS "teamId", d.external_id AS "externalId", d.status::text AS status
      FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} ORDER BY s.team_id`)
    expect(rows).toEqual([
      { teamId: caller.teamId, externalId: 'd1', status: 'success' },
      { teamId: other.teamId, externalId: 'd1', status: 'failure' },
    ].sort((x, y) => x.teamId - y.teamId))
  })

  it('rolls back the whole request when one deployment of it is refused', async () => {
    const mine = uniqueSlug('svc')
    const env = { name: uniqueSlug('eu-west'), path: 'environment' }
    await expect(ingestDeployments(caller, [deployment(mine, 'd1'), deployment(uniqueSlug('svc'), 'd1', { environment: env })], raw))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    const rows = await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM service WHERE slug = ${mine}`)
    expect(rows[0]!.n).toBe(0)
  })

  it('asks for the tier of a new environment it cannot classify', async () => {
    const service = uniqueSlug('svc')
    const env = { name: uniqueSlug('eu-west'), path: 'environment' }
    await expect(ingestDeployments(caller, [deployment(service, 'd1', { environment: env })], raw)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'environmentTier' }],
    })
  })
})
