import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { backfillRepository } from '@/lib/github/backfill'
import { githubClient } from '@/lib/github/github-client'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { c1, c2, cx, startGithubApiServer } from '@/lib/testing/github-api-server'

const api = startGithubApiServer()
const hits = api.hits

let connectionId: number
let service: string

async function imported() {
  return queryRows<{ externalId: string; status: string }>(pool(), sql`
    SELECT d.external_id AS "externalId", d.status::text AS status FROM deployment d JOIN service s ON s.id = d.service_id
    WHERE s.slug = ${service} AND d.source = 'github' ORDER BY d.external_id`)
}

describe('GitHub backfill against recorded responses', () => {
  beforeAll(async () => {
    await api.start()
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'ghb')
    connectionId = await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug('ghb'), webhookSecretEnc: 'v1:unused:unused:' })
    service = uniqueSlug('shop')
    const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${team.teamId}, ${service}, ${service}) RETURNING id`)
    await mapGithubRepository(pool(), { connectionId, fullName: 'acme/shop', serviceId: s!.id })
  })
  afterAll(() => api.stop())

  it('imports the window\'s deployments with their statuses and commits, resumes after a crash, and never doubles', async () => {
    const github = githubClient({ token: 'test-token', baseUrl: api.url() })
    const now = new Date('2026-03-10T00:00:00Z')
    // the first run "crashes" after storing one deployment
    const crash = backfillRepository({ github, connectionId, fullName: 'acme/shop', now, onProgress: (p) => { if (p.done === 1) throw new Error('killed') } })
    await expect(crash).rejects.toThrow('killed')
    expect((await imported()).map((d) => d.externalId)).toEqual(['301'])

    const progress = await backfillRepository({ github, connectionId, fullName: 'acme/shop', now })
    expect(progress).toMatchObject({ done: 3, total: 3, skipped: 1 }) // 300 is outside the 90 days; 301 was done
    expect(await imported()).toEqual([
      { externalId: '301', status: 'success' }, { externalId: '302', status: 'success' }, { externalId: '303', status: 'failure' },
    ])
    // the rate-limited request was waited out and repeated; both pages were read
    expect(hits.get('/repos/acme/shop/deployments/302/statuses')).toBe(2)
    expect(hits.get('/repos/acme/shop/deployments?page=2')).toBe(2)

    // lead time: each commit from its commit time to the first successful deployment that carried it
    const leads = await queryRows<{ sha: string; seconds: number }>(pool(), sql`
      SELECT c.sha, date_part('epoch', f.deployed_at - f.committed_at) AS seconds
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN service s ON s.id = c.service_id
      WHERE s.slug = ${service} ORDER BY c.sha`)
    expect(Object.fromEntries(leads.map((l) => [l.sha, l.seconds]))).toEqual({ [c1]: 7_500, [c2]: 3_900, [cx]: 79_500 })

    // once more: nothing changes
    await backfillRepository({ github, connectionId, fullName: 'acme/shop', now })
    expect((await imported()).length).toBe(3)
  }, 30_000)

  it('names a repository that is not mapped', async () => {
    const github = githubClient({ token: 't', baseUrl: api.url() })
    await expect(backfillRepository({ github, connectionId, fullName: 'acme/unknown' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
