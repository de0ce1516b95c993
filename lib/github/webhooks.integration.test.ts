import { randomBytes, randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
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
const { startWorker } = await import('@/lib/jobs/worker')
const { getDelivery } = await import('@/lib/queries/webhook-deliveries')
const { updateService } = await import('@/lib/queries/settings/services')

// GitHub's own example payloads (@octokit/webhooks-examples), signed and sent through the receiving
// code, then processed as the worker does; and a push + deployment whose lead time is known.
const secret = randomBytes(16).toString('hex')
const hello = uniqueSlug('gh-hello')
const octo = uniqueSlug('gh-octo')
let teamId: number
let connectionId: number

const examplesOf = (name: string) => (examples as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === name)!.examples

async function deliver(event: string, payload: unknown, opts: { secret?: string; id?: string } = {}) {
  const { id, request } = await signedDelivery(event, payload, opts.secret ?? secret, opts.id)
  const received = await receiveGithubDelivery(request)
  return { id, received, processed: await processDelivery(id) }
}

const deploymentsOf = (service: string) => queryRows<{ externalId: string; status: string; environment: string; finishedAt: Date | null; sha: string }>(pool(), sql`
  SELECT d.external_id AS "externalId", d.status::text AS status, e.name AS environment, d.finished_at AS "finishedAt", d.sha
  FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id
  WHERE s.slug = ${service} AND d.source = 'github' ORDER BY d.external_id`)

// GitHub's deployment_status example as the success of deployment `id` to `environment` on `day` (its payload as given)
function deliverSuccess(day: string, id: number, environment: string, payload?: unknown) {
  const base = examplesOf('deployment_status')[0] as Record<string, Record<string, unknown>>
  const deployment = { ...base.deployment, id, environment, payload, created_at: `${day}T09:30:00Z` }
  return deliver('deployment_status', { ...base, deployment, deployment_status: { ...base.deployment_status, state: 'success', created_at: `${day}T10:00:00Z` } })
}

describe('GitHub webhooks', () => {
  beforeAll(async () => {
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh')
    teamId = team.teamId
    connectionId = await insertGithubConnection(pool(), {
      teamId, name: uniqueSlug('conn'), webhookSecretEnc: sealSecret(secret, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)), incidentLabel: 'bug',
    })
    for (const [slug, fullName, workflow] of [[hello, 'Codertocat/Hello-World', null], [octo, 'octo-org/octo-repo', '.github/workflows/test.yml']] as const) {
      const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${teamId}, ${slug}, ${slug}) RETURNING id`)
      await mapGithubRepository(pool(), { connectionId, fullName, serviceId: s!.id, deployWorkflow: workflow })
    }
    forgetConnections()
  })

  const events = ['ping', 'deployment', 'deployment_status', 'push', 'pull_request', 'pull_request_review', 'issues', 'workflow_run']
  it.each(events)('accepts and processes every %s example', async (event) => {
    for (const payload of examplesOf(event)) {
      const { received, processed } = await deliver(event, payload)
      expect(received.duplicate).toBe(false)
      expect(['processed', 'ignored']).toContain(processed.state)
    }
  })

  it('stored what the examples say', async () => {
    // deployment 145988746: created, then statuses; the last example delivered is a production success
    const hw = await deploymentsOf(hello)
    expect(hw).toEqual([expect.objectContaining({ externalId: '145988746', sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' })])
    // workflow runs of the deploy workflow are deployments; requested ones are in progress
    const deployRuns = examplesOf('workflow_run').map((e) => e as { repository: { full_name: string }; workflow_run: { id: number; path?: string } })
      .filter((e) => e.repository.full_name === 'octo-org/octo-repo' && e.workflow_run.path === '.github/workflows/test.yml')
    const runs = await deploymentsOf(octo)
    expect(runs.map((r) => r.externalId).sort()).toEqual([...new Set(deployRuns.map((e) => `run-${e.workflow_run.id}`))].sort())
    expect(runs.every((r) => r.environment === 'production')).toBe(true)
    // pushes to the default branch are changes; tag pushes are not
    const changes = await queryRows<{ sha: string }>(pool(), sql`SELECT c.sha FROM change c JOIN service s ON s.id = c.service_id WHERE s.slug = ${hello}`)
    expect(changes.map((c) => c.sha)).toContain('6113728f27ae82c7b1a177c8d03f9e96e0adf246')
    // issues labelled "bug" (this connection's incident label) are incidents
    const incidents = await queryRows<{ externalId: string; resolvedAt: Date | null }>(pool(), sql`
      SELECT i.external_id AS "externalId", i.resolved_at AS "resolvedAt" FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = ${hello} AND i.source = 'github'`)
    expect(incidents.map((i) => i.externalId)).toEqual(['issue-1'])
  })

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const id = randomUUID()
    await expect(deliver('ping', examplesOf('ping')[0], { secret: 'not-the-secret', id })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    const [row] = await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM webhook_delivery WHERE delivery_id = ${id}`)
    expect(row!.n).toBe(0)
  })

  it('a redelivery changes nothing', async () => {
    const payload = examplesOf('deployment_status')[0]
    const id = randomUUID()
    const first = await deliver('deployment_status', payload, { id })
    const before = await deploymentsOf(hello)
    const again = await deliver('deployment_status', payload, { id })
    expect(first.received.duplicate).toBe(false)
    expect(again.received.duplicate).toBe(true)
    expect(again.processed).toMatchObject({ state: 'skipped' })
    expect(await deploymentsOf(hello)).toEqual(before)
  })

  it('a push then a successful deployment give each commit its lead time', async () => {
    // a repository of its own, so no earlier example commit counts as undeployed
    const service = uniqueSlug('gh-lead')
    const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${teamId}, ${service}, ${service}) RETURNING id`)
    await mapGithubRepository(pool(), { connectionId, fullName: 'plimsoll-test/lead-time', serviceId: s!.id })
    const base = examplesOf('deployment_status')[0] as Record<string, Record<string, unknown>>
    const push = examplesOf('push').find((p) => (p as { ref: string }).ref === 'refs/heads/master') as Record<string, Record<string, unknown>>
    const repository = { ...push.repository, full_name: 'plimsoll-test/lead-time', default_branch: 'master' }
    const sha = (n: number) => randomBytes(20).toString('hex').replace(/^./, String(n))
    const [a, b] = [sha(1), sha(2)]
    await deliver('push', { ...push, repository, after: b, commits: [
      { id: a, message: 'a', timestamp: '2026-05-01T08:00:00Z' },
      { id: b, message: 'b', timestamp: '2026-05-01T09:00:00Z' },
    ] })
    const deployment = { ...base.deployment, id: 777001, sha: b, environment: 'production', created_at: '2026-05-01T09:30:00Z' }
    const status = { ...base.deployment_status, state: 'success', created_at: '2026-05-01T10:00:00Z' }
    const { processed } = await deliver('deployment_status', { ...base, repository, deployment, deployment_status: status })
    expect(processed).toMatchObject({ state: 'processed', note: expect.stringContaining('2 commit(s)') })
    const leads = await queryRows<{ sha: string; seconds: number }>(pool(), sql`
      SELECT c.sha, date_part('epoch', f.deployed_at - f.committed_at) AS seconds
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN deployment d ON d.id = f.deployment_id
      WHERE d.external_id = '777001' AND d.source = 'github' AND d.service_id = ${s!.id} ORDER BY c.sha`)
    expect(Object.fromEntries(leads.map((l) => [l.sha, l.seconds]))).toEqual({ [a]: 7200, [b]: 3600 })
  })

  it('a deployment says its strategy in its payload or its environment name (issue 22)', async () => {
    const send = (id: number, environment: string, payload?: unknown) => deliverSuccess('2026-05-02', id, environment, payload)
    await send(778001, 'production', { strategy: 'blue-green' })
    await send(778002, 'production-canary', '')
    await send(778003, 'production-canary', JSON.stringify({ strategy: 'recreate' }))
    await send(778004, 'production')
    const rows = await queryRows<{ externalId: string; strategy: string; environment: string }>(pool(), sql`
      SELECT d.external_id AS "externalId", d.strategy::text AS strategy, e.name AS environment
      FROM deployment d JOIN environment e ON e.id = d.environment_id
      WHERE d.source = 'github' AND d.external_id = ANY(${['778001', '778002', '778003', '778004']}::text[])
        AND d.service_id = (SELECT id FROM service WHERE slug = ${hello}) ORDER BY 1`)
    expect(rows.map((r) => [r.externalId, r.strategy, r.environment])).toEqual([
      ['778001', 'blue_green', 'production'], ['778002', 'canary', 'production'], ['778003', 'recreate', 'production'], ['778004', 'other', 'production'],
    ])
  })

  it('a service\'s environment-name rule applies when the payload names no strategy; the payload wins (issue 22)', async () => {
    const [service] = await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${hello}`)
    await updateService(service!.id, { environmentStrategies: { 'prod-eu-shadow': { strategy: 'ab_test', environment: 'prod-eu' } } })
    const send = (id: number, environment: string, payload?: unknown) => deliverSuccess('2026-05-03', id, environment, payload)
    await send(779001, 'Prod EU Shadow')
    await send(779002, 'prod-eu-shadow', { strategy: 'recreate' })
    await send(779003, 'prod-eu')
    const rows = await queryRows<{ externalId: string; strategy: string; environment: string }>(pool(), sql`
      SELECT d.external_id AS "externalId", d.strategy::text AS strategy, e.name AS environment
      FROM deployment d JOIN environment e ON e.id = d.environment_id
      WHERE d.source = 'github' AND d.external_id = ANY(${['779001', '779002', '779003']}::text[]) AND d.service_id = ${service!.id} ORDER BY 1`)
    expect(rows.map((r) => [r.externalId, r.strategy, r.environment])).toEqual([
      ['779001', 'ab_test', 'prod-eu'], ['779002', 'recreate', 'prod-eu'], ['779003', 'other', 'prod-eu'],
    ])
    await updateService(service!.id, { environmentStrategies: null })
  })

  it('the worker turns a stored delivery into a job and processes it, with nothing else sending it', async () => {
    const { id, request } = await signedDelivery('deployment', examplesOf('deployment')[0], secret)
    await receiveGithubDelivery(request)
    expect(await getDelivery(id)).toMatchObject({ state: 'pending' })
    const worker = await startWorker(process.env.DATABASE_URL!)
    try {
      for (let i = 0; i < 60 && (await getDelivery(id))?.state === 'pending'; i++) await new Promise((r) => setTimeout(r, 500))
      expect(await getDelivery(id)).toMatchObject({ state: 'processed' })
    } finally {
      await worker.stop()
    }
  }, 60_000)
})
