import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import * as pullRequests from '@/app/api/v1/pull-requests/route'
import { seedTeamWithToken, uniqueSlug, type SeededTeam } from '@/lib/testing/seed-team'

// POST /api/v1/pull-requests through the real route handler with a real token: for hosts without a connector.
let team: SeededTeam
const service = uniqueSlug('pr-api')

async function post(body: unknown) {
  const req = new Request('http://localhost/api/v1/pull-requests', {
    method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
  })
  const res = await pullRequests.POST(req, { params: Promise.resolve({}) })
  return { status: res.status, body: await res.json() as Record<string, any> }
}

describe('POST /api/v1/pull-requests', () => {
  beforeAll(async () => {
    team = await seedTeamWithToken(process.env.DATABASE_URL!, 'pr-api')
  })

  it.each([
    ['number', { service, number: 0 }, 'number'],
    ['a time without a zone', { service, number: 1, readyAt: '2026-03-01T10:00:00' }, 'readyAt'],
    ['ready before opened', { service, number: 1, openedAt: '2026-03-01T10:00:00Z', readyAt: '2026-03-01T09:00:00Z' }, 'readyAt'],
    ['a negative size', { service, number: 1, additions: -1 }, 'additions'],
    ['an unknown field', { service, number: 1, reviewer: 'x' }, 'reviewer'],
    ['a merge sha that is not one', { service, number: 1, mergeSha: 'zzz' }, 'mergeSha'],
  ])('refuses %s with a 422 naming the field', async (_what, body, field) => {
    const r = await post(body)
    expect(r.status).toBe(422)
    expect(JSON.stringify(r.body.error)).toContain(field)
  })

  it('creates, keeps the earliest times on a repost, and links the merge commit', async () => {
    const first = await post({
      service, number: 41, title: 'Add search', author: 'renovate[bot]', authorIsBot: true, openedAt: '2026-03-01T09:00:00Z', readyAt: '2026-03-01T10:00:00Z',
      firstReviewAt: '2026-03-01T12:00:00Z', mergedAt: '2026-03-01T15:00:00Z', mergeSha: 'ABCDEF1',
      additions: 10, deletions: 2, changedFiles: 1, labels: ['deps'],
    })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      outcome: 'created', data: { number: 41, author: 'renovate[bot]', authorIsBot: true, readyAt: '2026-03-01T10:00:00.000Z' },
    })
    // the same post again: nothing changes
    expect((await post({ service, number: 41, readyAt: '2026-03-01T10:00:00Z' })).body.outcome).toBe('unchanged')
    // a later ready time never moves the earliest one; an earlier review does
    const again = await post({ service, number: 41, readyAt: '2026-03-01T11:00:00Z', firstReviewAt: '2026-03-01T11:30:00Z' })
    expect(again.status).toBe(200)
    expect(again.body.data).toMatchObject({ readyAt: '2026-03-01T10:00:00.000Z', firstReviewAt: '2026-03-01T11:30:00.000Z', additions: 10 })
    const [change] = await queryRows<{ pr: number; merged: Date }>(pool(), sql`
      SELECT c.pr_number AS pr, c.pr_merged_at AS merged FROM change c JOIN service s ON s.id = c.service_id
      WHERE s.slug = ${service} AND s.team_id = ${team.teamId} AND c.sha = 'abcdef1'`)
    expect(change).toEqual({ pr: 41, merged: new Date('2026-03-01T15:00:00Z') })
  })
})
