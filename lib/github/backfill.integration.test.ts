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

async function incidents() {
  return queryRows<{ externalId: string; resolved: boolean; cause: string | null; method: string | null }>(pool(), sql`
    SELECT i.external_id AS "externalId", i.resolved_at IS NOT NULL AS resolved, d.external_id AS cause, i.cause_link_method::text AS method
    FROM incident i JOIN service s ON s.id = i.service_id LEFT JOIN deployment d ON d.id = i.cause_deployment_id
    WHERE s.slug = ${service} ORDER BY i.external_id`)
}

const progressRow = () => queryRows<{ done: number; total: number; rate: number | null; quota: number | null; finished: boolean }>(pool(), sql`
  SELECT progress_done AS done, progress_total AS total, progress_rate AS rate, rate_remaining AS quota, finished_at IS NOT NULL AS finished
  FROM github_backfill WHERE connection_id = ${connectionId}`).then((r) => r[0])

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

  it('imports the window\'s deployments, merged pull requests and incident issues, resumes after a crash, and never doubles', async () => {
    const github = githubClient({ token: 'test-token', baseUrl: api.url() })
    const now = new Date('2026-03-10T00:00:00Z')
    // the first run "crashes" after storing one deployment, its progress left running
    const crash = backfillRepository({ github, connectionId, fullName: 'acme/shop', now, onProgress: (p) => { if (p.done === 1) throw new Error('killed') } })
    await expect(crash).rejects.toThrow('killed')
    expect((await imported()).map((d) => d.externalId)).toEqual(['301'])
    expect(await progressRow()).toMatchObject({ done: 1, total: 6, quota: 4990, finished: false })

    const seen: number[] = []
    const progress = await backfillRepository({ github, connectionId, fullName: 'acme/shop', now, onProgress: async () => { seen.push((await progressRow())!.done) } })
    // 3 deployments (300 is outside the 90 days; 301 was done), pull request #7 (#8 was not merged,
    // #5 is older), incident issues #11 and #12 (#13 is a pull request)
    // created: deployments 302 and 303, incidents #11 and #12, and pull request #7's own row (issue 25)
    expect(progress).toMatchObject({ done: 6, total: 6, skipped: 1, created: 5 })
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]) // persisted before each report
    expect(await progressRow()).toMatchObject({ done: 6, total: 6, rate: expect.any(Number), quota: 4990, finished: true })
    expect(await imported()).toEqual([
      { externalId: '301', status: 'success' }, { externalId: '302', status: 'success' }, { externalId: '303', status: 'failure' },
    ])
    // the rate-limited request was waited out and repeated; both pages were read
    expect(hits.get('/repos/acme/shop/deployments/302/statuses')).toBe(2)
    expect(hits.get('/repos/acme/shop/deployments?page=2')).toBe(2)

    // lead time: each commit from its commit time to the first successful deployment that carried it;
    // the merge commit of pull request #7 has its number and times
    const leads = await queryRows<{ sha: string; seconds: number; pr: number | null; prMergedAt: Date | null }>(pool(), sql`
      SELECT c.sha, date_part('epoch', f.deployed_at - f.committed_at) AS seconds, f.pr_number AS pr, f.pr_merged_at AS "prMergedAt"
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN service s ON s.id = c.service_id
      WHERE s.slug = ${service} ORDER BY c.sha`)
    expect(Object.fromEntries(leads.map((l) => [l.sha, l.seconds]))).toEqual({ [c1]: 7_500, [c2]: 3_900, [cx]: 79_500 })
    expect(leads.find((l) => l.sha === c2)).toMatchObject({ pr: 7, prMergedAt: new Date('2026-03-02T09:30:00Z') })
    // incidents: #11 resolved and caused by the deployment that carried the sha it names, #12 open
    expect(await incidents()).toEqual([
      { externalId: 'issue-11', resolved: true, cause: '302', method: 'explicit_sha' },
      { externalId: 'issue-12', resolved: false, cause: null, method: null },
    ])

    // once more: nothing changes, and the lists start at their cursors
    const again = await backfillRepository({ github, connectionId, fullName: 'acme/shop', now })
    expect(again).toMatchObject({ created: 0, updated: 0 })
    expect((await imported()).length).toBe(3)
    expect((await incidents()).length).toBe(2)
  }, 30_000)

  it('names a repository that is not mapped', async () => {
    const github = githubClient({ token: 't', baseUrl: api.url() })
    await expect(backfillRepository({ github, connectionId, fullName: 'acme/unknown' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
