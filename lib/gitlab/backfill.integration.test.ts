import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { insertGitlabConnection, mapGitlabProject } = await import('@/lib/queries/gitlab-connections')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { startGitlabApiServer, c1, c2, c3, cx } = await import('@/lib/testing/gitlab-api-server')
const { backfillGitlabProject } = await import('@/lib/gitlab/backfill')

// The history import against a local server of GitLab-shaped responses: pagination, a 429 waited out,
// lead times from the compare of consecutive deployments, merged MRs, incidents; a second run changes nothing.
const service = uniqueSlug('gl-backfill')
let connectionId: number
let api: Awaited<ReturnType<typeof startGitlabApiServer>>

const deployments = () => queryRows<{ externalId: string; status: string; sha: string; startedAt: Date; finishedAt: Date; updatedAt: Date }>(pool(), sql`
  SELECT d.external_id AS "externalId", d.status::text AS status, d.sha, d.started_at AS "startedAt", d.finished_at AS "finishedAt", d.updated_at AS "updatedAt"
  FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} ORDER BY d.external_id`)

describe('GitLab history import', () => {
  beforeAll(async () => {
    const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'glb')
    connectionId = await insertGitlabConnection(pool(), { teamId, name: uniqueSlug('glb'), webhookTokenEnc: 'unused' })
    const [s] = await queryRows<{ id: number }>(pool(), sql`INSERT INTO service (team_id, slug, name) VALUES (${teamId}, ${service}, ${service}) RETURNING id`)
    await mapGitlabProject(pool(), { connectionId, path: 'acme/shop', serviceId: s!.id })
    api = await startGitlabApiServer('glpat-test')
  })
  afterAll(() => api?.close())

  const mergeRequest = () => queryRows<Record<string, unknown>>(pool(), sql`
    SELECT p.number, p.source, p.author_login, p.author_is_bot, p.opened_at, p.ready_at, p.first_review_at, p.approved_at, p.merged_at, p.labels
    FROM pull_request p JOIN service s ON s.id = p.service_id WHERE s.slug = ${service}`)
  const importIt = () => backfillGitlabProject({ api: { baseUrl: api.url, token: 'glpat-test' }, connectionId, project: 'acme/shop', environment: 'production', days: 3650 })

  it('imports deployments (both pages), their commits, the merged MR and the incident', async () => {
    expect(await importIt()).toEqual({ deployments: 3, mergeRequests: 1, incidents: 1 })
    expect(api.hits.filter((h) => h.includes('/deployments'))).toHaveLength(3) // the 429, page 1, page 2
    expect(await deployments()).toEqual([
      expect.objectContaining({ externalId: 'deployment-41', status: 'success', sha: c1, startedAt: new Date('2026-03-01T09:00:00Z'), finishedAt: new Date('2026-03-01T09:05:00Z') }),
      expect.objectContaining({ externalId: 'deployment-42', status: 'success', sha: c2, finishedAt: new Date('2026-03-02T10:06:30Z') }),
      expect.objectContaining({ externalId: 'deployment-43', status: 'failure', sha: c3 }),
    ])
    const leads = await queryRows<{ sha: string; externalId: string; committedAt: Date | null; prNumber: number | null }>(pool(), sql`
      SELECT c.sha, d.external_id AS "externalId", c.committed_at AS "committedAt", c.pr_number AS "prNumber"
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN deployment d ON d.id = f.deployment_id
      JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} ORDER BY c.sha`)
    expect(leads).toEqual([
      { sha: c1, externalId: 'deployment-41', committedAt: null, prNumber: null },
      { sha: c2, externalId: 'deployment-42', committedAt: new Date('2026-03-02T07:00:00Z'), prNumber: 7 },
      { sha: cx, externalId: 'deployment-42', committedAt: new Date('2026-03-01T12:00:00Z'), prNumber: null },
    ])
    const incidents = await queryRows(pool(), sql`
      SELECT i.external_id AS "externalId", i.severity::text AS severity, i.resolved_at AS "resolvedAt"
      FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = ${service} AND i.source = 'gitlab'`)
    expect(incidents).toEqual([{ externalId: 'incident-11', severity: 'high', resolvedAt: new Date('2026-03-02T12:30:00Z') }])
    // !7's own row (issue 25): ready when marked so, first reviewed and approved by bob, from its system notes
    expect(await mergeRequest()).toEqual([{
      number: 7, source: 'gitlab', author_login: 'alice', author_is_bot: false,
      opened_at: new Date('2026-03-01T13:00:00Z'), ready_at: new Date('2026-03-01T13:30:00Z'), first_review_at: new Date('2026-03-02T07:00:00Z'),
      approved_at: new Date('2026-03-02T07:00:00Z'), merged_at: new Date('2026-03-02T08:30:00Z'), labels: ['search'],
    }])
  })

  it('a second run changes nothing', async () => {
    const before = [await deployments(), await mergeRequest()]
    await importIt()
    expect([await deployments(), await mergeRequest()]).toEqual(before)
  })
})
