import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { sealSecret, secretKeyFrom } = await import('@/lib/crypto/secret-box')
const { insertGitlabConnection, mapGitlabProject } = await import('@/lib/queries/gitlab-connections')
const { forgetGitlabTokens } = await import('@/lib/gitlab/verify-token')
const { processGitlabDelivery } = await import('@/lib/gitlab/process-delivery')
const { startWorker } = await import('@/lib/jobs/worker')
const { getDelivery } = await import('@/lib/queries/webhook-deliveries')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { POST } = await import('@/app/api/webhooks/gitlab/route')
const { updateService } = await import('@/lib/queries/settings/services')

// GitLab's documented example payloads (lib/gitlab/fixtures/README.md) posted to the real route with
// their X-Gitlab-Event header, then processed as the worker does.
const fixture = (name: string) => JSON.parse(readFileSync(`lib/gitlab/fixtures/${name}.json`, 'utf8')) as Record<string, unknown>
const token = randomBytes(16).toString('hex')
const svc = { app: uniqueSlug('gl-app'), mr: uniqueSlug('gl-mr'), pipe: uniqueSlug('gl-pipe') }

async function post(event: string, payload: unknown, headers: Record<string, string> = {}) {
  const id = randomUUID()
  const res = await POST(new Request('http://localhost/api/webhooks/gitlab', {
    method: 'POST', body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', 'x-gitlab-event': event, 'x-gitlab-token': token, 'x-gitlab-event-uuid': id, ...headers },
  }), { params: Promise.resolve({}) })
  return { res, body: await res.json() as { deliveryId: string; duplicate: boolean; error?: { code: string } } }
}
async function deliver(event: string, name: string | Record<string, unknown>) {
  const { res, body } = await post(event, typeof name === 'string' ? fixture(name) : name)
  expect(res.status).toBe(202)
  return processGitlabDelivery(body.deliveryId)
}

const deploymentsOf = (service: string) => queryRows<{ externalId: string; status: string; environment: string; tier: string; startedAt: Date | null; finishedAt: Date | null; sha: string | null }>(pool(), sql`
  SELECT d.external_id AS "externalId", d.status::text AS status, e.name AS environment, e.tier::text AS tier, d.started_at AS "startedAt", d.finished_at AS "finishedAt", d.sha
  FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id
  WHERE s.slug = ${service} AND d.source = 'gitlab' ORDER BY d.external_id`)
const changesOf = (service: string) => queryRows<{ sha: string; committedAt: Date | null; prNumber: number | null; prOpenedAt: Date | null; prMergedAt: Date | null }>(pool(), sql`
  SELECT c.sha, c.committed_at AS "committedAt", c.pr_number AS "prNumber", c.pr_opened_at AS "prOpenedAt", c.pr_merged_at AS "prMergedAt"
  FROM change c JOIN service s ON s.id = c.service_id WHERE s.slug = ${service} ORDER BY c.sha`)

describe('GitLab webhooks', () => {
  beforeAll(async () => {
    const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gl')
    const connectionId = await insertGitlabConnection(pool(), { teamId, name: uniqueSlug('gl-conn'), webhookTokenEnc: sealSecret(token, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)) })
    const ids: Record<string, number> = {}
    for (const slug of Object.values(svc)) {
      ids[slug] = (await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${teamId}, ${slug}, ${slug}) RETURNING id`))[0]!.id
    }
    // the push and the deployments are one service's (two projects of one service: its commits and its deploys)
    await mapGitlabProject(pool(), { connectionId, path: 'mike/diaspora', serviceId: ids[svc.app]! })
    await mapGitlabProject(pool(), { connectionId, path: 'root/test-deployment-webhooks', serviceId: ids[svc.app]! })
    await mapGitlabProject(pool(), { connectionId, path: 'gitlabhq/gitlab-test', serviceId: ids[svc.mr]! })
    await mapGitlabProject(pool(), { connectionId, path: 'gitlab-org/gitlab-test', serviceId: ids[svc.pipe]!, pipelineDeploys: true })
    forgetGitlabTokens()
  })

  it('refuses a missing or wrong X-Gitlab-Token with 401 and stores nothing', async () => {
    const wrong = await post('Push Hook', fixture('push'), { 'x-gitlab-token': 'not-the-token' })
    expect(wrong.res.status).toBe(401)
    const res = await POST(new Request('http://localhost/api/webhooks/gitlab', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Push Hook' } }), { params: Promise.resolve({}) })
    expect(res.status).toBe(401)
    const [row] = await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM webhook_delivery WHERE provider = 'gitlab' AND raw_body LIKE '%not-the-token%'`)
    expect(row!.n).toBe(0)
  })

  it('a push to the default branch stores its commits at their instants (offsets applied)', async () => {
    expect(await deliver('Push Hook', 'push')).toMatchObject({ state: 'processed', note: '2 commit(s), 2 new or changed' })
    expect(await changesOf(svc.app)).toEqual([
      expect.objectContaining({ sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327', committedAt: new Date('2011-12-12T12:27:31Z') }),
      expect.objectContaining({ sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', committedAt: new Date('2012-01-03T21:36:29Z') }),
    ])
    expect(await deliver('Push Hook', { ...fixture('push'), ref: 'refs/heads/feature' })).toMatchObject({ state: 'ignored', note: 'refs/heads/feature is not the default branch' })
  })

  it('deployment events: "2021-04-28 21:50:00 +0200" is 19:50:00 UTC (not Four Keys\' 21:50), tier from GitLab', async () => {
    expect(await deliver('Deployment Hook', 'deployment')).toMatchObject({ state: 'processed' })
    // the production deployment of a pushed commit carries the commits pushed up to it
    const production = { ...fixture('deployment-production'), commit_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7' }
    expect(await deliver('Deployment Hook', production)).toMatchObject({ state: 'processed', note: 'deployment deployment-16 created, 2 commit(s)' })
    expect(await deploymentsOf(svc.app)).toEqual([
      { externalId: 'deployment-15', status: 'success', environment: 'staging', tier: 'staging', startedAt: null, finishedAt: new Date('2021-04-28T19:50:00Z'), sha: '279484c09fbe69ededfced8c1bb6e6d24616b468' },
      { externalId: 'deployment-16', status: 'success', environment: 'production', tier: 'production', startedAt: null, finishedAt: new Date('2021-04-28T21:05:10Z'), sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7' },
    ])
    const leads = await queryRows<{ sha: string; seconds: number }>(pool(), sql`
      SELECT c.sha, date_part('epoch', f.deployed_at - f.committed_at)::bigint::int AS seconds
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN deployment d ON d.id = f.deployment_id
      JOIN service s ON s.id = d.service_id WHERE s.slug = ${svc.app} AND d.external_id = 'deployment-16' AND d.source = 'gitlab' ORDER BY c.sha`)
    expect(leads).toEqual([
      { sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327', seconds: (Date.parse('2021-04-28T21:05:10Z') - Date.parse('2011-12-12T12:27:31Z')) / 1000 },
      { sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', seconds: (Date.parse('2021-04-28T21:05:10Z') - Date.parse('2012-01-03T21:36:29Z')) / 1000 },
    ])
  })

  it('a service\'s environment-name rule gives a deployment that names no strategy its strategy and environment (issue 22)', async () => {
    const [service] = await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${svc.app}`)
    await updateService(service!.id, { environmentStrategies: { 'prod-eu-shadow': { strategy: 'canary', environment: 'production' } } })
    // GitLab's documented deployment event, to an environment GitLab calls "Prod EU Shadow" (slug prod-eu-shadow)
    const shadow = { ...fixture('deployment-production'), deployment_id: 9001, environment: 'Prod EU Shadow' }
    expect(await deliver('Deployment Hook', shadow)).toMatchObject({ state: 'processed' })
    const canaryNamed = { ...fixture('deployment-production'), deployment_id: 9002, environment: 'staging-blue-green' }
    expect(await deliver('Deployment Hook', canaryNamed)).toMatchObject({ state: 'processed' })
    const rows = await queryRows<{ externalId: string; strategy: string; environment: string }>(pool(), sql`
      SELECT d.external_id AS "externalId", d.strategy::text AS strategy, e.name AS environment
      FROM deployment d JOIN environment e ON e.id = d.environment_id
      WHERE d.service_id = ${service!.id} AND d.source = 'gitlab' AND d.external_id = ANY(${['deployment-9001', 'deployment-9002']}::text[]) ORDER BY 1`)
    // the rule's environment and strategy; a built-in suffix (-blue-green) without a rule is unchanged by it
    expect(rows.map((r) => [r.externalId, r.strategy, r.environment])).toEqual([
      ['deployment-9001', 'canary', 'production'], ['deployment-9002', 'blue_green', 'staging'],
    ])
    await updateService(service!.id, { environmentStrategies: null })
  })

  it('a merged merge request gives its merge commit the MR number and times', async () => {
    expect(await deliver('Merge Request Hook', 'merge-request-merged')).toMatchObject({ state: 'processed' })
    expect(await changesOf(svc.mr)).toEqual([{ sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327', committedAt: null, prNumber: 1, prOpenedAt: new Date('2013-12-03T17:23:34Z'), prMergedAt: new Date('2013-12-04T08:12:45Z') }])
  })

  it('keeps a merge request\'s stage times from its events (issue 25), whatever their order, and replays change nothing', async () => {
    // the documented examples, told as one story: opened as a draft, taken out of draft (the example's own
    // `changes.draft`: true -> false) at 18:00, approved by user 6 (its reviewer) at 07:00 UTC, merged at 08:12:45 UTC
    const open = fixture('merge-request-open') as { object_attributes: Record<string, unknown> }
    const at = (attrs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...open, ...extra, object_attributes: { ...open.object_attributes, ...attrs } })
    const story = [
      at({ draft: true, action: 'open' }, { user: { id: 51, username: 'project_14_bot_0a1b' } }),
      at({ action: 'update', updated_at: '2013-12-03T18:00:00Z' }, { changes: { draft: { previous: true, current: false } } }),
      at({ action: 'approved', updated_at: '2013-12-04 08:00:00 +0100' }, { user: { id: 6, username: 'reviewer' } }),
      fixture('merge-request-merged'),
    ]
    const rowOf = async (service: string) => (await queryRows<Record<string, unknown>>(pool(), sql`
      SELECT p.number, p.source, p.author_login, p.author_is_bot, p.opened_at, p.ready_at, p.first_review_at, p.approved_at, p.merged_at, p.labels
      FROM pull_request p JOIN service s ON s.id = p.service_id WHERE s.slug = ${service}`))
    for (const payload of story) expect(await deliver('Merge Request Hook', payload)).toMatchObject({ state: 'processed' })
    const expected = [{
      number: 1, source: 'gitlab', author_login: 'project_14_bot_0a1b', author_is_bot: true, opened_at: new Date('2013-12-03T17:23:34Z'),
      ready_at: new Date('2013-12-03T18:00:00Z'), first_review_at: new Date('2013-12-04T07:00:00Z'), approved_at: new Date('2013-12-04T07:00:00Z'),
      merged_at: new Date('2013-12-04T08:12:45Z'), labels: ['API'],
    }]
    expect(await rowOf(svc.mr)).toEqual(expected)
    for (const payload of [...story].reverse()) await deliver('Merge Request Hook', payload)
    expect(await rowOf(svc.mr)).toEqual(expected)
    // the author approving their own merge request is no review
    const own = at({ action: 'approved' }, { user: { id: 51, username: 'author' } })
    expect(await deliver('Merge Request Hook', own)).toMatchObject({ state: 'ignored' })
  })

  it('a successful pipeline on the default branch is a production deployment where the project deploys by pipeline', async () => {
    expect(await deliver('Pipeline Hook', 'pipeline')).toMatchObject({ state: 'processed' })
    expect(await deploymentsOf(svc.pipe)).toEqual([
      { externalId: 'pipeline-31', status: 'success', environment: 'production', tier: 'production', startedAt: new Date('2016-08-12T15:23:28Z'), finishedAt: new Date('2016-08-12T15:26:29Z'), sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2' },
    ])
    // the same pipeline for a project without the setting is not a deployment
    const elsewhere = { ...fixture('pipeline'), project: { ...(fixture('pipeline').project as object), path_with_namespace: 'gitlabhq/gitlab-test' } }
    expect(await deliver('Pipeline Hook', elsewhere)).toMatchObject({ state: 'ignored', note: 'this project does not deploy by pipeline' })
  })

  it('incidents open and close; issues of type Issue are not incidents', async () => {
    expect(await deliver('Issue Hook', 'issue')).toMatchObject({ state: 'ignored', note: expect.stringContaining('Issue is not an incident') })
    expect(await deliver('Issue Hook', 'incident-opened')).toMatchObject({ state: 'processed', note: 'incident incident-24 created' })
    expect(await deliver('Issue Hook', 'incident-closed')).toMatchObject({ state: 'processed', note: 'incident incident-24 updated' })
    const incidents = await queryRows(pool(), sql`
      SELECT i.external_id AS "externalId", i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt"
      FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = ${svc.mr} AND i.source = 'gitlab'`)
    expect(incidents).toEqual([{ externalId: 'incident-24', severity: 'critical', openedAt: new Date('2013-12-03T17:15:43Z'), resolvedAt: new Date('2013-12-03T18:02:10Z') }])
  })

  it('a retried delivery (same Idempotency-Key) is stored once; the worker processes stored deliveries', async () => {
    const key = randomUUID()
    const first = await post('Deployment Hook', fixture('deployment'), { 'idempotency-key': key })
    const again = await post('Deployment Hook', fixture('deployment'), { 'idempotency-key': key })
    expect([first.body.duplicate, again.body.duplicate]).toEqual([false, true])
    expect(first.body.deliveryId).toBe(`gitlab:${key}`)
    const worker = await startWorker(process.env.DATABASE_URL!)
    try {
      await expect.poll(async () => (await getDelivery(first.body.deliveryId))?.state, { timeout: 20_000, interval: 200 }).toBe('processed')
    } finally {
      await worker.stop()
    }
  })
})
