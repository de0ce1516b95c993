import { randomBytes } from 'node:crypto'
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

// One pull request's life told by GitHub's own example payloads (@octokit/webhooks-examples, PR #2 of
// Codertocat/Hello-World), each sent signed through the receiver and processed as the worker does.
// The examples are snapshots of unrelated moments, so a few fields are set to tell one story (named
// where they are): opened as a draft, ready for review, back to draft, reviewed by someone else, merged.
type Payload = Record<string, unknown> & { pull_request: Record<string, unknown> }
const examplesOf = (name: string) => (examples as unknown as { name: string; examples: Payload[] }[]).find((e) => e.name === name)!.examples
const example = (name: string, action: string) => structuredClone(examplesOf(name).find((e) => e.action === action)!)
const withPr = (p: Payload, pr: Record<string, unknown>) => ({ ...p, pull_request: { ...p.pull_request, ...pr } })

const opened = withPr(example('pull_request', 'opened'), { draft: true }) // opened as a draft: not ready yet
const ready = example('pull_request', 'ready_for_review') // updated_at 2019-05-15T15:21:18Z: ready from then
const toDraft = example('pull_request', 'converted_to_draft') // does not move the ready time
const ownReview = example('pull_request_review', 'submitted') // Codertocat reviewing their own PR: not a pickup
const review = {
  ...example('pull_request_review', 'submitted'),
  review: { ...ownReview.review as object, user: { login: 'Hubot', type: 'User' }, state: 'approved', submitted_at: '2019-05-15T16:00:00Z' },
}
const closed = withPr(example('pull_request', 'closed'), { merged: true, merged_at: '2019-05-15T18:00:00Z', updated_at: '2019-05-15T18:00:00Z' })
const story: [string, unknown][] = [['pull_request', opened], ['pull_request', ready], ['pull_request', toDraft], ['pull_request_review', ownReview],
  ['pull_request_review', review], ['pull_request', closed]]

type Row = Record<string, unknown>
const pullRequestOf = async (serviceId: number) => (await queryRows<Row>(pool(), sql`
  SELECT number, source, title, url, author_login, author_is_bot, first_commit_at, opened_at, ready_at, first_review_at, approved_at, merged_at, closed_at,
    additions, deletions, changed_files, labels, facts_at FROM pull_request WHERE service_id = ${serviceId}`))

async function connect(): Promise<{ serviceId: number; secret: string }> {
  const secret = randomBytes(16).toString('hex')
  const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'gh-pr')
  const connectionId = await insertGithubConnection(pool(), {
    teamId, name: uniqueSlug('conn'), webhookSecretEnc: sealSecret(secret, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)), incidentLabel: 'incident',
  })
  const slug = uniqueSlug('hello')
  const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${teamId}, ${slug}, ${slug}) RETURNING id`)
  await mapGithubRepository(pool(), { connectionId, fullName: 'Codertocat/Hello-World', serviceId: s!.id })
  forgetConnections()
  return { serviceId: s!.id, secret }
}

async function deliver(secret: string, event: string, payload: unknown) {
  const { id, request } = await signedDelivery(event, payload, secret)
  await receiveGithubDelivery(request)
  return processDelivery(id)
}

describe('GitHub pull requests and reviews', () => {
  let inOrder: { serviceId: number; secret: string }
  beforeAll(async () => {
    inOrder = await connect()
  })

  it('keeps the times of one pull request computed by hand', async () => {
    const outcomes = []
    for (const [event, payload] of story) outcomes.push(await deliver(inOrder.secret, event, payload))
    expect(outcomes.map((o) => o.state)).toEqual(['processed', 'processed', 'processed', 'ignored', 'processed', 'processed'])
    expect(outcomes[3]!.note).toBe("the author's own review")
    expect(await pullRequestOf(inOrder.serviceId)).toEqual([{
      number: 2, source: 'github', title: 'Update the README with new information.', url: 'https://github.com/Codertocat/Hello-World/pull/2',
      author_login: 'Codertocat', author_is_bot: false, first_commit_at: null,
      opened_at: new Date('2019-05-15T15:20:33Z'), ready_at: new Date('2019-05-15T15:21:18Z'),
      first_review_at: new Date('2019-05-15T16:00:00Z'), approved_at: new Date('2019-05-15T16:00:00Z'),
      merged_at: new Date('2019-05-15T18:00:00Z'), closed_at: new Date('2019-05-15T15:21:18Z'),
      additions: 1, deletions: 1, changed_files: 1, labels: ['bug'], facts_at: new Date('2019-05-15T18:00:00Z'),
    }])
  })

  it('redeliveries, replays and the reverse order change nothing', async () => {
    const before = await pullRequestOf(inOrder.serviceId)
    for (const [event, payload] of story) await deliver(inOrder.secret, event, payload)
    expect(await pullRequestOf(inOrder.serviceId)).toEqual(before)
    const reversed = await connect()
    for (const [event, payload] of [...story].reverse()) await deliver(reversed.secret, event, payload)
    expect(await pullRequestOf(reversed.serviceId)).toEqual(before)
  })

  it('marks a bot author', async () => {
    const bot = await connect()
    const payload = withPr(example('pull_request', 'opened'), { number: 9, user: { login: 'dependabot[bot]', type: 'Bot' } })
    await deliver(bot.secret, 'pull_request', payload)
    const [row] = await pullRequestOf(bot.serviceId)
    expect(row).toMatchObject({ number: 9, author_login: 'dependabot[bot]', author_is_bot: true, ready_at: new Date('2019-05-15T15:20:33Z') })
  })
})
