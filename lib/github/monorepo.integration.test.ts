import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { signedDelivery } from '@/lib/testing/github-deliveries'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGithubConnection, mapGithubRepository } = await import('@/lib/queries/github-connections')
const { receiveGithubDelivery } = await import('@/lib/github/receive-delivery')
const { processDelivery } = await import('@/lib/github/process-delivery')
const { forgetConnections } = await import('@/lib/github/verify-delivery')
const { backfillRepository } = await import('@/lib/github/backfill')
const { githubClient } = await import('@/lib/github/github-client')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { c1, c2, cx, startGithubApiServer } = await import('@/lib/testing/github-api-server')

// One repository, several services: each owns the commits that touch its path prefixes.
const secret = randomBytes(16).toString('hex')
const api = startGithubApiServer()

async function monorepo(label: string, fullName: string, opts: { baseUrl?: string } = {}) {
  const team = await seedTeamWithToken(process.env.DATABASE_URL!, label)
  const connectionId = await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug(label), webhookSecretEnc: sealSecret(secret, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)), baseUrl: opts.baseUrl })
  const ids: Record<string, number> = {}
  for (const [name, prefix, workflow] of [['api', 'services/api', 'Deploy api'], ['web', 'services/web/', 'Deploy web']] as const) {
    const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${team.teamId}, ${uniqueSlug(name)}, ${name}) RETURNING id`)
    ids[name] = s!.id
    await mapGithubRepository(pool(), { connectionId, fullName, serviceId: s!.id, pathPrefixes: [prefix], deployWorkflow: workflow })
  }
  return { connectionId, api: ids.api!, web: ids.web! }
}

async function deliver(event: string, payload: unknown) {
  const { id, request } = await signedDelivery(event, payload, secret)
  await receiveGithubDelivery(request)
  return processDelivery(id)
}

const changes = (serviceId: number) => queryRows<{ sha: string; pr: number | null }>(pool(), sql`
  SELECT sha, pr_number AS pr FROM change WHERE service_id = ${serviceId} ORDER BY sha`)
const carried = (serviceId: number, externalId: string) => queryRows<{ sha: string }>(pool(), sql`
  SELECT c.sha FROM deployment d JOIN deployment_change dc ON dc.deployment_id = d.id JOIN change c ON c.id = dc.change_id
  WHERE d.service_id = ${serviceId} AND d.external_id = ${externalId} ORDER BY c.sha`).then((r) => r.map((x) => x.sha))

describe('monorepos: a repository mapped to services by path prefix', () => {
  beforeAll(() => api.start())
  afterAll(() => api.stop())

  it('routes pushed commits by the paths they touch, pull requests to the services that have the commit, and a workflow deploy to its service', async () => {
    const fullName = `acme/${uniqueSlug('mono')}`
    const mono = await monorepo('mono', fullName)
    forgetConnections()
    const repository = { full_name: fullName, html_url: `https://github.com/${fullName}`, default_branch: 'main' }
    const [m1, m2, m3] = ['1', '2', '3'].map((c) => c.repeat(40)) as [string, string, string]
    const commit = (id: string, at: string, modified: string[]) => ({ id, message: id.slice(0, 7), timestamp: at, added: [], removed: [], modified })
    expect(await deliver('push', { ref: 'refs/heads/main', after: m3, repository, commits: [
      commit(m1, '2026-03-01T08:00:00Z', ['services/api/main.go']),
      commit(m2, '2026-03-01T09:00:00Z', ['services/web/app.tsx']),
      commit(m3, '2026-03-01T10:00:00Z', ['services/api/x.go', 'services/web/y.tsx']),
    ] })).toMatchObject({ state: 'processed' })
    expect(await changes(mono.api)).toEqual([{ sha: m1, pr: null }, { sha: m3, pr: null }])
    expect(await changes(mono.web)).toEqual([{ sha: m2, pr: null }, { sha: m3, pr: null }])

    await deliver('pull_request', { action: 'closed', repository, pull_request: { number: 9, created_at: '2026-03-01T08:30:00Z', merged_at: '2026-03-01T09:00:00Z', merge_commit_sha: m2 } })
    expect(await changes(mono.web)).toEqual([{ sha: m2, pr: 9 }, { sha: m3, pr: null }])
    expect((await changes(mono.api)).map((c) => c.sha)).toEqual([m1, m3]) // not given a commit it does not own

    const run = { id: 555, name: 'Deploy web', path: '.github/workflows/web.yml', head_sha: m3, head_branch: 'main', status: 'completed', conclusion: 'success',
      run_started_at: '2026-03-01T11:00:00Z', updated_at: '2026-03-01T11:10:00Z', html_url: 'https://github.com/x/actions/runs/555' }
    expect(await deliver('workflow_run', { action: 'completed', repository, workflow_run: run })).toMatchObject({ state: 'processed' })
    expect(await carried(mono.web, 'run-555')).toEqual([m2, m3])
    expect(await carried(mono.api, 'run-555')).toEqual([])
  }, 30_000)

  it('an import reads each carried commit\'s files: the deployment keeps its service\'s commits, the others go to theirs', async () => {
    const mono = await monorepo('monob', 'acme/shop', { baseUrl: api.url() })
    await backfillRepository({ github: githubClient({ token: 't', baseUrl: api.url() }), connectionId: mono.connectionId, fullName: 'acme/shop', now: new Date('2026-03-10T00:00:00Z') })
    // deployments through the API go to the repository's first service (api)
    expect((await changes(mono.api)).map((c) => c.sha)).toEqual([c1, c2])
    expect(await changes(mono.web)).toEqual([{ sha: cx, pr: null }])
    expect(await carried(mono.api, '302')).toEqual([c2])
    expect((await changes(mono.api)).find((c) => c.sha === c2)?.pr).toBe(7)
  }, 30_000)
})
