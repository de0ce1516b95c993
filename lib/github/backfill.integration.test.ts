import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { backfillRepository } from '@/lib/github/backfill'
import { githubClient } from '@/lib/github/github-client'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// GitHub's REST API served from recorded-shape responses on a local server: nothing leaves the machine.
const sha = (c: string) => c.repeat(40)
const [c1, cx, c2, c3] = [sha('1'), sha('a'), sha('2'), sha('3')]
const deployment = (id: number, s: string, day: string) => ({
  id, sha: s, ref: 'main', environment: 'production', created_at: `2026-03-${day}T10:00:00Z`, creator: { login: 'octocat' }, production_environment: true,
})
const deployments = [deployment(303, c3, '03'), deployment(302, c2, '02'), deployment(301, c1, '01'), { ...deployment(300, c1, '01'), created_at: '2025-01-01T10:00:00Z' }]
const status = (state: string, day: string) => [{ state, created_at: `2026-03-${day}T10:05:00Z`, environment: 'production', log_url: null, target_url: null }]
const commit = (s: string, at: string) => ({ sha: s, commit: { message: `commit ${s.slice(0, 7)}`, author: { date: at }, committer: { date: at } } })

const hits = new Map<string, number>()
let rateLimitOnce = true
const server = http.createServer((req, res) => {
  const url = new URL(req.url!, 'http://x')
  const key = url.pathname + (url.searchParams.get('page') ? `?page=${url.searchParams.get('page')}` : '')
  hits.set(key, (hits.get(key) ?? 0) + 1)
  const json = (body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4990', ...headers })
    res.end(JSON.stringify(body))
  }
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  switch (url.pathname) {
    case '/repos/acme/shop/deployments':
      // two per page, newest first, with GitHub's Link header
      return url.searchParams.get('page') === '2'
        ? json(deployments.slice(2))
        : json(deployments.slice(0, 2), { link: `<${base}/repos/acme/shop/deployments?per_page=100&page=2>; rel="next"` })
    case '/repos/acme/shop/deployments/301/statuses': return json(status('success', '01'))
    case '/repos/acme/shop/deployments/302/statuses':
      if (rateLimitOnce) {
        rateLimitOnce = false
        res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) })
        return res.end(JSON.stringify({ message: 'API rate limit exceeded' }))
      }
      return json(status('success', '02'))
    case '/repos/acme/shop/deployments/303/statuses': return json(status('failure', '03'))
    case `/repos/acme/shop/commits/${c1}`: return json(commit(c1, '2026-03-01T08:00:00Z'))
    case `/repos/acme/shop/compare/${c1}...${c2}`: return json({ commits: [commit(cx, '2026-03-01T12:00:00Z'), commit(c2, '2026-03-02T09:00:00Z')] })
    default:
      res.writeHead(404, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ message: `Not Found: ${url.pathname}` }))
  }
})

let connectionId: number
let service: string

async function imported() {
  return queryRows<{ externalId: string; status: string }>(pool(), sql`
    SELECT d.external_id AS "externalId", d.status::text AS status FROM deployment d JOIN service s ON s.id = d.service_id
    WHERE s.slug = ${service} AND d.source = 'github' ORDER BY d.external_id`)
}

describe('GitHub backfill against recorded responses', () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'ghb')
    connectionId = await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug('ghb'), webhookSecretEnc: 'v1:unused:unused:' })
    service = uniqueSlug('shop')
    const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${team.teamId}, ${service}, ${service}) RETURNING id`)
    await mapGithubRepository(pool(), { connectionId, fullName: 'acme/shop', serviceId: s!.id })
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('imports the window\'s deployments with their statuses and commits, resumes after a crash, and never doubles', async () => {
    const github = githubClient({ token: 'test-token', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
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
    const github = githubClient({ token: 't', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
    await expect(backfillRepository({ github, connectionId, fullName: 'acme/unknown' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
