import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { allFeedDeployments, getDeploymentFeed } from '@/lib/dashboard/deployment-feed'
import { getDeploymentDetail } from '@/lib/queries/get-deployment-detail'
import { buildScenario } from '@/lib/testing/metric-scenario'

// /deployments (filters, cursor paging, every page for the CSV) and /deployments/<id> on PostgreSQL.
const sha = (c: string) => c.repeat(40)

async function scenario() {
  return buildScenario(process.env.DATABASE_URL!, [
    { service: 'api', id: 'd1', at: '2026-03-01T10:00:00Z', version: '1.0.0', commits: [{ sha: sha('a'), committedAt: '2026-02-28T10:00:00Z' }] },
    { service: 'api', id: 'd2', at: '2026-03-02T10:00:00Z', version: '2.0.0', strategy: 'canary',
      commits: [{ sha: sha('a'), committedAt: '2026-02-28T10:00:00Z' }, { sha: sha('b'), committedAt: '2026-03-01T12:00:00Z', prNumber: 7, prMergedAt: '2026-03-01T13:00:00Z' }] },
    // redeploys 1.0.0: a rollback of d2
    { service: 'api', id: 'd3', at: '2026-03-03T10:00:00Z', version: '1.0.0' },
    { service: 'api', id: 'd4', at: '2026-03-05T10:00:00Z', version: '3.0.0', status: 'failure' },
    { service: 'api', id: 'd5', at: '2026-03-06T10:00:00Z', version: '3.0.1', environment: 'staging' },
  ], [{ service: 'api', id: 'INC-1', openedAt: '2026-03-02T11:00:00Z', resolvedAt: '2026-03-03T10:00:00Z', causeDeploymentId: 'd2', fixDeploymentId: 'd3' }])
}

const idOf = async (externalId: string, team: number) => (await queryRows<{ id: number }>(pool(), sql`
  SELECT d.id FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.team_id = ${team} AND d.external_id = ${externalId}`))[0]!.id

describe('deployment pages', () => {
  it('the feed filters by day (in a zone), team, strategy and status, pages with a cursor, and reads every page for the CSV', async () => {
    const s = await scenario()
    const readable = [s.caller.teamId]
    const service = s.services.api!
    const ids = async (q: Record<string, string>) => (await getDeploymentFeed({ service, ...q }, readable)).deployments.map((d) => d.externalId)
    expect(await ids({})).toEqual(['d5', 'd4', 'd3', 'd2', 'd1'])
    expect(await ids({ from: '2026-03-02', to: '2026-03-03' })).toEqual(['d3', 'd2'])
    // days of the page's zone: 2 March at UTC+14 runs from 1 March 10:00 UTC (d1) to 2 March 10:00 UTC (d2, excluded)
    expect(await ids({ from: '2026-03-02', to: '2026-03-02', tz: 'Pacific/Kiritimati' })).toEqual(['d1'])
    expect(await ids({ team: s.team, strategy: 'canary' })).toEqual(['d2'])
    await expect(getDeploymentFeed({ service, team: 'no-such-team-q' }, readable)).rejects.toThrow(/no service .* in team "no-such-team-q"/)
    expect(await ids({ strategy: 'canary' })).toEqual(['d2'])
    expect(await ids({ status: 'failure' })).toEqual(['d4'])
    const all: string[] = []
    for await (const d of allFeedDeployments({ service }, readable, 2)) all.push(d.externalId)
    expect(all).toEqual(['d5', 'd4', 'd3', 'd2', 'd1'])
    // a rollback is a rollback, the deployment it rolled back says so
    const rows = (await getDeploymentFeed({ service }, readable)).deployments
    expect(rows.find((d) => d.externalId === 'd3')).toMatchObject({ rollback: true, rolledBack: false })
    expect(rows.find((d) => d.externalId === 'd2')).toMatchObject({ rollback: false, rolledBack: true })
    // another team's reader sees nothing of it
    await expect(getDeploymentFeed({ service }, [-1])).rejects.toThrow(/no service/)
  })

  it('a deployment\'s page: commits, pull request, incidents, the rollback chain, strategy; hidden from other teams', async () => {
    const s = await scenario()
    const d2 = await idOf('d2', s.caller.teamId)
    const page = (await getDeploymentDetail(d2, [s.caller.teamId]))!
    expect(page.deployment).toMatchObject({ externalId: 'd2', strategy: 'canary', rolledBack: true, changeFailure: true, service: s.services.api })
    // commit a was carried first by d1: d2's lead time ends only for b
    expect(page.commits.map((c) => [c.sha, c.prNumber, c.firstHere])).toEqual([[sha('b'), 7, true], [sha('a'), null, false]])
    expect(page.incidents.map((i) => [i.externalId, i.role])).toEqual([['INC-1', 'caused']])
    expect([page.before?.externalId, page.after?.externalId, page.after?.rollsBack]).toEqual(['d1', 'd3', true])
    const d3 = (await getDeploymentDetail(await idOf('d3', s.caller.teamId), [s.caller.teamId]))!
    expect(d3.incidents.map((i) => [i.externalId, i.role])).toEqual([['INC-1', 'fixed']])
    expect(d3.deployment.rollsBack).toBe(true)
    expect(await getDeploymentDetail(d2, [-1])).toBeNull()
    expect(await getDeploymentDetail(2_000_000_000, 'all')).toBeNull()
  })
})
