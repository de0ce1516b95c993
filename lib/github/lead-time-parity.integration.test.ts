import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { signedDelivery } from '@/lib/testing/github-deliveries'

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
const { reconcileGithub } = await import('@/lib/github/reconcile')

// The same repository history, once delivered live as webhooks and once imported through the API,
// into two teams: the lead time of every change and the metrics built on them must be identical.
const api = startGithubApiServer()
const secret = randomBytes(16).toString('hex')

async function setUp(label: string, opts: { apiToken?: string; secret?: string } = {}) {
  const team = await seedTeamWithToken(process.env.DATABASE_URL!, label)
  const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
  const connectionId = await insertGithubConnection(pool(), {
    teamId: team.teamId, name: uniqueSlug(label), webhookSecretEnc: sealSecret(opts.secret ?? secret, key),
    apiTokenEnc: opts.apiToken ? sealSecret(opts.apiToken, key) : undefined, baseUrl: api.url(),
  })
  const service = uniqueSlug(label)
  const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${team.teamId}, ${service}, ${service}) RETURNING id`)
  await mapGithubRepository(pool(), { connectionId, fullName: 'acme/shop', serviceId: s!.id })
  return { connectionId, serviceId: s!.id }
}

// every delivery is stored; only the reviews that do not pick a pull request up (its author's own, a bot's) are ignored
async function deliver(event: string, payload: unknown, signWith = secret) {
  const { id, request } = await signedDelivery(event, payload, signWith)
  await receiveGithubDelivery(request)
  const { state, note } = await processDelivery(id)
  expect(state === 'processed' || /^(the author's own review|a review by the bot )/.test(note ?? '')).toBe(true)
}

const pullRequests = (serviceId: number) => queryRows<Record<string, unknown>>(pool(), sql`
  SELECT number, title, url, author_login, author_is_bot, opened_at, ready_at, first_review_at, approved_at, merged_at, closed_at,
    additions, deletions, changed_files, labels, facts_at FROM pull_request WHERE service_id = ${serviceId} ORDER BY number`)

const leadTimes = (serviceId: number) => queryRows<{ sha: string; deployedAt: Date; seconds: number; pr: number | null; prMergedAt: Date | null }>(pool(), sql`
  SELECT c.sha, f.deployed_at AS "deployedAt", date_part('epoch', f.deployed_at - f.committed_at) AS seconds, f.pr_number AS pr, f.pr_merged_at AS "prMergedAt"
  FROM change_first_deployment f JOIN change c ON c.id = f.change_id WHERE c.service_id = ${serviceId} ORDER BY c.sha`)

const incidents = (serviceId: number) => queryRows<{ externalId: string; openedAt: Date; resolvedAt: Date | null; cause: string | null; method: string | null }>(pool(), sql`
  SELECT i.external_id AS "externalId", i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", d.external_id AS cause, i.cause_link_method::text AS method
  FROM incident i LEFT JOIN deployment d ON d.id = i.cause_deployment_id WHERE i.service_id = ${serviceId} ORDER BY i.external_id`)

describe('lead time: webhooks and the history import agree', () => {
  beforeAll(() => api.start())
  afterAll(() => api.stop())

  it('gives every change the same first deployment and lead time', async () => {
    // webhooks first, while only this team's connection signs with the secret
    const live = await setUp('live')
    forgetConnections()
    for (const { event, payload } of historyAsWebhooks) await deliver(event, payload)
    const imported = await setUp('import')
    await backfillRepository({ github: githubClient({ token: 't', baseUrl: api.url() }), connectionId: imported.connectionId, fullName: 'acme/shop', now: new Date('2026-03-10T00:00:00Z') })

    const [a, b] = [await leadTimes(live.serviceId), await leadTimes(imported.serviceId)]
    expect(a).toHaveLength(3)
    expect(a.some((l) => l.pr === 7)).toBe(true)
    expect(b).toEqual(a)
    // and the same incidents, resolved at the same times and caused by the same deployment
    const [x, y] = [await incidents(live.serviceId), await incidents(imported.serviceId)]
    expect(x).toHaveLength(2)
    expect(y).toEqual(x)
    // and the same pull request, its stage times (docs/metrics.md) as computed by hand from the recorded history
    const [p, q] = [await pullRequests(live.serviceId), await pullRequests(imported.serviceId)]
    expect(p).toEqual([expect.objectContaining({
      number: 7, author_login: 'alice', author_is_bot: false, opened_at: new Date('2026-03-01T13:00:00Z'), ready_at: new Date('2026-03-01T13:30:00Z'),
      first_review_at: new Date('2026-03-01T15:00:00Z'), approved_at: new Date('2026-03-02T08:00:00Z'), merged_at: new Date('2026-03-02T09:30:00Z'),
      additions: 120, deletions: 30, changed_files: 4, labels: ['checkout'],
    })])
    expect(q).toEqual(p)
    // only the import reads the first commit (no webhook carries it): cx
    const [first] = await queryRows<{ at: Date }>(pool(), sql`SELECT first_commit_at AS at FROM pull_request WHERE service_id = ${imported.serviceId}`)
    expect(first!.at).toEqual(new Date('2026-03-01T12:00:00Z'))
  }, 30_000)

  it('the hourly reconciliation imports a delivery that failed, re-reads the rest with conditional requests, and says so', async () => {
    await queryRows(pool(), sql`UPDATE github_connection SET api_token_enc = NULL, app_private_key_enc = NULL`) // only this test's connection reconciles
    const own = randomBytes(16).toString('hex')
    const team = await setUp('reconcile', { apiToken: 'token-r', secret: own })
    forgetConnections()
    // deployment 302's status never arrives
    for (const { event, payload } of historyAsWebhooks.filter((h) => (h.payload as { deployment?: { id: number } }).deployment?.id !== 302)) await deliver(event, payload, own)
    const statuses = async () => queryRows<{ externalId: string; status: string }>(pool(), sql`
      SELECT external_id AS "externalId", status::text AS status FROM deployment WHERE service_id = ${team.serviceId} ORDER BY external_id`)
    expect((await statuses()).map((d) => d.externalId)).toEqual(['301', '303'])

    // the hook's log shows 302's success failed: read back from the log, stored and processed
    const result = await reconcileGithub({ now: new Date('2026-03-04T00:00:00Z'), days: 3 })
    expect(result).toMatchObject({ repositories: 1, gaps: 1, missedDeliveries: 1, notModified: 0 })
    const [missed] = await queryRows<{ state: string; event: string }>(pool(), sql`SELECT state, event FROM webhook_delivery WHERE delivery_id = ${api.missedGuid}`)
    expect(missed).toEqual({ state: 'processed', event: 'deployment_status' })
    expect(await statuses()).toEqual([{ externalId: '301', status: 'success' }, { externalId: '302', status: 'success' }, { externalId: '303', status: 'failure' }])
    const [synced] = await queryRows<{ gapsFound: number; lastSyncedAt: Date | null }>(pool(), sql`
      SELECT gaps_found AS "gapsFound", last_synced_at AS "lastSyncedAt", hook_id::text AS "hookId" FROM github_backfill b JOIN github_repository r ON r.connection_id = b.connection_id AND r.full_name = b.full_name
      WHERE r.service_id = ${team.serviceId}`)
    expect(synced).toMatchObject({ gapsFound: 1, lastSyncedAt: expect.any(Date), hookId: '77' })
    // a second run finds nothing new, and every list it re-reads is unchanged: 304s, no quota spent
    const hooksListed = api.hits.get('/repos/acme/shop/hooks')
    const second = await reconcileGithub({ now: new Date('2026-03-04T00:00:00Z'), days: 3 })
    expect(second).toMatchObject({ repositories: 1, gaps: 0, missedDeliveries: 0 })
    expect(second.notModified).toBeGreaterThanOrEqual(6)
    expect(api.notModified.get('/repos/acme/shop/deployments')).toBe(1)
    expect(api.notModified.get('/repos/acme/shop/hooks/77/deliveries')).toBe(1)
    expect(api.hits.get('/repos/acme/shop/hooks')).toBe(hooksListed) // the hook id is remembered
  }, 30_000)
})
