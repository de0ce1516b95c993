import { beforeAll, describe, expect, it } from 'vitest'
import sql, { raw as sqlRaw } from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import type { Caller } from '@/lib/auth/resolve-caller'
import type { Granularity } from '@/lib/time/buckets'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { leadTimeStatsFromChanges, leadTimeStatsFromRollup, pullRequestLeadTime, pullRequestLeadTimeFromRows, type LeadTimeStats } from '@/lib/queries/metrics/lead-time'
import { countDeployments, countDeploymentsFromRows } from '@/lib/queries/metrics/deployment-frequency'
import { countChangeFailuresFromDeployments, countChangeFailuresFromRollup } from '@/lib/queries/metrics/change-failure'
import { compactRollups } from '@/lib/queries/compact-rollups'
import { rebuildRollups, suspendRollupTriggers } from '@/lib/queries/rebuild-rollups'
import type { MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// The rollups behind the fast paths, per team and per service (lead-time histograms of changes and
// pull requests, deployment counts) and the pull requests' rows are kept by triggers through every
// way deployments and change_first_deployment change. Whatever happened, the fast and the row-by-row paths must give the
// same numbers, and every rollup must equal a recomputation from the rows.
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }
const HOUR = 3_600_000
const START = Date.UTC(2026, 2, 1) // March 2026: Berlin and New York change clocks in it

let teamA: { caller: Caller; teamId: number }
let teamB: { caller: Caller; teamId: number }
let services: string[]
let environmentIds: number[]

// a fixed pseudo-random sequence, so a failure reproduces
let seed = 42
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const sha = () => Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('')

function deployment(service: string, id: string, at: number, commits: DeploymentInput['commits'], environment = 'production', more: Partial<DeploymentInput> = {}): DeploymentInput {
  return { source: 'api', externalId: id, service: { slug: service }, environment: { name: environment, path: 'environment' }, status: 'success', finishedAt: new Date(at), commits, ...more }
}

// failures, hotfixes, flagged rollbacks and redeploys of an earlier version (rollbacks by version)
function outcome(n: number): Partial<DeploymentInput> {
  const r = random()
  if (r < 0.08) return { status: 'failure', version: `v${n}` }
  if (r < 0.11) return { isHotfix: true, version: `v${n}` }
  if (r < 0.13) return { isRollback: true, version: `v${n}` }
  if (r < 0.16) return { version: `v${Math.max(0, n - 3)}` }
  return { version: `v${n}` }
}

// lead times from seconds to weeks, some commits without a time, some "committed" after the deploy
function commitsBefore(at: number): NonNullable<DeploymentInput['commits']> {
  return Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const kind = random()
    const lead = kind < 0.05 ? -HOUR : kind < 0.1 ? 0.4 * 1000 : Math.floor(Math.exp(random() * 14) * 1000)
    const pr = random() < 0.6 ? { prNumber: 1 + Math.floor(random() * 40), prMergedAt: new Date(at - (random() - 0.1) * 20 * HOUR) } : {}
    return { sha: sha(), committedAt: kind > 0.97 ? undefined : new Date(at - lead), ...pr }
  })
}

function window(from: number, to: number, tz: string, granularity: Granularity, totalsOnly = false): MetricWindow {
  return { serviceIds: [], environmentIds, from: new Date(from), to: new Date(to), tz, granularity, totalsOnly }
}

async function serviceIdsOf(teamId: number) {
  return (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE team_id = ${teamId} ORDER BY id`)).map((r) => r.id)
}

// the mean differs in the last bits: the histograms sum whole milliseconds exactly, avg() adds floats
const byBucket = (rows: LeadTimeStats[]) => [...rows].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket)))
const approximately = (rows: LeadTimeStats[]) => byBucket(rows).map((r) => ({ ...r, mean: r.mean === null ? null : expect.closeTo(r.mean, 6) }))

// every histogram count and day count of the team and of each of its services, as their rows say it should be
async function expectHistogramsOfRows(teamId: number) {
  await expectRollupsOfRows(teamId, 'team')
  await expectRollupsOfRows(teamId, 'service')
}

async function expectRollupsOfRows(teamId: number, per: 'team' | 'service') {
  // the key of a row: its service's team, or its service; a team's histograms are per day, a service's per week
  const key = per === 'team' ? sqlRaw('s.team_id') : sqlRaw('s.id')
  const [leadTimeRollup, deploymentRollup, keyColumn, period] = per === 'team'
    ? [sqlRaw('lead_time_rollup'), sqlRaw('deployment_rollup'), sqlRaw('team_id'), sqlRaw('day')]
    : [sqlRaw('lead_time_service_rollup'), sqlRaw('deployment_service_rollup'), sqlRaw('service_id'), sqlRaw('week')]
  const periodOf = (column: string) => sql`date_trunc(${per === 'team' ? 'day' : 'week'}, ${sqlRaw(column)} AT TIME ZONE 'UTC')::date`
  const keys = per === 'team' ? [teamId] : await serviceIdsOf(teamId)
  const wrong = await queryRows<{ span: number; day: string; bin: number; stored: number; expected: number }>(pool(), sql`
    WITH expected AS (
      SELECT ${key} AS k, f.environment_id, 0 AS span, ${periodOf('f.deployed_at')} AS day, coalesce(f.lead_bin, -2)::int AS bin, count(*)::int AS n
      FROM change_first_deployment f JOIN service s ON s.id = f.service_id WHERE s.team_id = ${teamId} GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT ${key}, p.environment_id, 1, ${periodOf('p.deployed_at')}, coalesce(p.first_commit_bin, -2)::int, count(*)::int
      FROM pull_request_deployment p JOIN service s ON s.id = p.service_id WHERE s.team_id = ${teamId} GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT ${key}, p.environment_id, 2, ${periodOf('p.deployed_at')}, coalesce(p.merged_bin, -2)::int, count(*)::int
      FROM pull_request_deployment p JOIN service s ON s.id = p.service_id WHERE s.team_id = ${teamId} GROUP BY 1, 2, 3, 4, 5
    ), stored AS (
      SELECT ${keyColumn} AS k, environment_id, span::int, ${period} AS day, bin::int, sum(changes)::int AS n FROM ${leadTimeRollup}
      WHERE ${keyColumn} = ANY(${keys}::int[]) GROUP BY 1, 2, 3, 4, 5
    )
    SELECT k, span, day::text, bin, coalesce(s.n, 0) AS stored, coalesce(e.n, 0) AS expected
    FROM expected e FULL JOIN stored s USING (k, environment_id, span, day, bin)
    WHERE coalesce(s.n, 0) <> coalesce(e.n, 0)
    ORDER BY 1, 2, 3, 4 LIMIT 5`)
  expect(wrong, per).toEqual([])
  const wrongCounts = await queryRows(pool(), sql`
    WITH expected AS (
      SELECT ${key} AS k, d.environment_id, (d.finished_at AT TIME ZONE 'UTC')::date AS day, count(*) FILTER (WHERE d.status = 'success')::int AS success,
        count(*) FILTER (WHERE d.status = 'failure')::int AS failure, count(*) FILTER (WHERE d.rolled_back)::int AS rolled_back,
        count(*) FILTER (WHERE d.status = 'failure' OR d.rolled_back OR c.id IS NOT NULL)::int AS change_failure,
        count(*) FILTER (WHERE c.id IS NOT NULL)::int AS caused_incident,
        count(*) FILTER (WHERE d.is_hotfix OR d.rolls_back OR f.id IS NOT NULL)::int AS unplanned
      FROM deployment d JOIN service s ON s.id = d.service_id
      LEFT JOIN LATERAL (SELECT i.id FROM incident i WHERE i.cause_deployment_id = d.id LIMIT 1) c ON true
      LEFT JOIN LATERAL (SELECT i.id FROM incident i WHERE i.fix_deployment_id = d.id LIMIT 1) f ON true
      WHERE s.team_id = ${teamId} AND d.status IN ('success', 'failure') AND d.finished_at IS NOT NULL GROUP BY 1, 2, 3
    ), stored AS (
      SELECT ${keyColumn} AS k, environment_id, day, sum(success)::int AS success, sum(failure)::int AS failure, sum(rolled_back)::int AS rolled_back,
        sum(change_failure)::int AS change_failure, sum(caused_incident)::int AS caused_incident, sum(unplanned)::int AS unplanned
      FROM ${deploymentRollup} WHERE ${keyColumn} = ANY(${keys}::int[]) GROUP BY 1, 2, 3
      HAVING (sum(success), sum(failure), sum(rolled_back), sum(change_failure), sum(caused_incident), sum(unplanned)) <> (0, 0, 0, 0, 0, 0)
    )
    (SELECT 'missing' AS what, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM stored) x LIMIT 3)
    UNION ALL (SELECT 'extra', * FROM (SELECT * FROM stored EXCEPT SELECT * FROM expected) y LIMIT 3)`)
  expect(wrongCounts, per).toEqual([])
}

const sortedByBucket = <T extends { bucket: string | null }>(rows: T[]) => [...rows].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket)))

// the team's services as a whole team (its rollup rows), each alone and the first two (the services' rows)
async function expectSamePaths(teamId: number) {
  await expectHistogramsOfRows(teamId)
  const serviceIds = await serviceIdsOf(teamId)
  await expectSamePathsOf(serviceIds, [teamId])
  for (const id of serviceIds) await expectSamePathsOf([id])
  if (serviceIds.length > 2) await expectSamePathsOf(serviceIds.slice(0, 2))
  await expectPullRequestRows(serviceIds)
}

async function expectSamePathsOf(serviceIds: number[], teamIds?: number[]) {
  const cases: [number, number, string, Granularity, boolean][] = [
    [START, START + 31 * 24 * HOUR, 'UTC', 'week', false],
    [START, START + 31 * 24 * HOUR, 'UTC', 'day', false],
    [START - 2 * 24 * HOUR, START + 40 * 24 * HOUR, 'Europe/Berlin', 'week', false],
    [START, START + 31 * 24 * HOUR, 'America/New_York', 'day', false],
    [START + 5 * HOUR + 17_000, START + 20 * 24 * HOUR - 3 * HOUR, 'Asia/Kolkata', 'month', false],
    [START, START + 31 * 24 * HOUR, 'UTC', 'week', true],
    [START + 7 * HOUR, START + 9 * HOUR, 'UTC', 'day', true],
  ]
  for (const [from, to, tz, granularity, totalsOnly] of cases) {
    const w = { ...window(from, to, tz, granularity, totalsOnly), serviceIds, teamIds }
    const what = `${teamIds ? `team ${teamIds}` : `services ${serviceIds}`} ${tz} ${granularity} ${totalsOnly}`
    const fromRollup = await leadTimeStatsFromRollup(w)
    expect(fromRollup, what).not.toBeNull()
    expect(byBucket(fromRollup!), what).toEqual(approximately(await leadTimeStatsFromChanges(w)))
    expect(await pullRequestLeadTime(w), `pull requests ${what}`).toEqual(await pullRequestLeadTimeFromRows(w))
    expect(sortedByBucket(await countChangeFailuresFromRollup(w)), `change failures ${what}`)
      .toEqual(sortedByBucket(await countChangeFailuresFromDeployments(w)))
    expect(sortedByBucket(await countDeployments(w)), `deployments ${what}`).toEqual(sortedByBucket(await countDeploymentsFromRows(w)))
  }
}

async function expectPullRequestRows(serviceIds: number[]) {
  // each pull request's row, as the changes say it should be
  const [diff] = await queryRows<{ missing: number; extra: number; prs: number }>(pool(), sql`
    WITH expected AS (
      SELECT service_id, environment_id, pr_number, min(deployed_at) AS deployed_at, min(committed_at) AS first_committed_at, max(pr_merged_at) AS merged_at
      FROM change_first_deployment WHERE service_id = ANY(${serviceIds}::int[]) AND pr_number IS NOT NULL GROUP BY 1, 2, 3
    ), stored AS (
      SELECT service_id, environment_id, pr_number, deployed_at, first_committed_at, merged_at FROM pull_request_deployment WHERE service_id = ANY(${serviceIds}::int[])
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM stored) x)::int AS missing,
      (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM expected) x)::int AS extra,
      (SELECT count(*) FROM stored)::int AS prs`)
  expect(diff).toMatchObject({ missing: 0, extra: 0 })
  if (serviceIds.length) expect(diff!.prs).toBeGreaterThan(10)
}


describe('metrics from the rollups (per team and per service: lead time, pull requests, deployment counts)', () => {
  beforeAll(async () => {
    const a = await seedTeamWithToken(process.env.DATABASE_URL!, 'ltr-a')
    const b = await seedTeamWithToken(process.env.DATABASE_URL!, 'ltr-b')
    teamA = { teamId: a.teamId, caller: { tokenId: a.tokenId, teamId: a.teamId, teamSlug: a.team } }
    teamB = { teamId: b.teamId, caller: { tokenId: b.tokenId, teamId: b.teamId, teamSlug: b.team } }
    services = [uniqueSlug('ltr'), uniqueSlug('ltr'), uniqueSlug('ltr')]
    // 3 services over a month, every 5-11 hours, to production and sometimes staging; incidents that
    // name their deployment, that are attributed to one, and that name the deployment that fixed them
    let n = 0
    for (const service of services) {
      for (let at = START + random() * 10 * HOUR; at < START + 33 * 24 * HOUR; at += (5 + random() * 6) * HOUR) {
        const commits = commitsBefore(at)
        const id = `p${n++}`
        await ingestDeployments(teamA.caller, [deployment(service, id, at, commits, 'production', outcome(n))], raw)
        if (random() < 0.3) await ingestDeployments(teamA.caller, [deployment(service, `s${n++}`, at - HOUR, commits, 'staging')], raw)
        const r = random()
        if (r < 0.15) {
          const openedAt = new Date(at + random() * 30 * HOUR)
          const resolvedAt = random() < 0.8 ? new Date(openedAt.getTime() + random() * 20 * HOUR) : undefined
          await ingestIncident(teamA.caller, {
            id: `i${n}`, service, title: 'down', openedAt, resolvedAt, environment: 'production',
            ...(r < 0.05 ? { causeDeploymentId: id } : {}), ...(r > 0.1 ? { fixDeploymentId: id } : {}),
          }, { raw: '{}', receivedAt: new Date(), kind: 'test' })
        }
      }
    }
    environmentIds = (await queryRows<{ id: number }>(pool(), sql`SELECT id FROM environment WHERE name = 'production'`)).map((r) => r.id)
  }, 120_000)

  it('gives exactly the numbers of reading every row, in every time zone and granularity', async () => {
    await expectSamePaths(teamA.teamId)
  })

  it('follows corrections: a commit time, a pull request, a status, a rollback, deployments removed, a service moved to another team', async () => {
    // a later delivery names an earlier commit time for a change already deployed (cfd rows updated)
    const [change] = await queryRows<{ sha: string; deployedAt: Date; service: string; externalId: string }>(pool(), sql`
      SELECT c.sha, f.deployed_at AS "deployedAt", s.slug AS service, d.external_id AS "externalId"
      FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN service s ON s.id = f.service_id
      JOIN deployment d ON d.id = f.deployment_id
      JOIN environment e ON e.id = f.environment_id
      WHERE s.team_id = ${teamA.teamId} AND e.name = 'production' AND f.committed_at IS NOT NULL AND d.external_id LIKE 'p%'
      ORDER BY f.deployed_at LIMIT 1 OFFSET 10`)
    await ingestDeployments(teamA.caller, [deployment(change!.service, change!.externalId, change!.deployedAt.getTime(), [{ sha: change!.sha, committedAt: new Date(change!.deployedAt.getTime() - 30 * 24 * HOUR) }])], raw)
    const [moved] = await queryRows<{ seconds: number }>(pool(), sql`
      SELECT date_part('epoch', f.deployed_at - f.committed_at) AS seconds FROM change_first_deployment f JOIN change c ON c.id = f.change_id
      JOIN service s ON s.id = c.service_id WHERE c.sha = ${change!.sha} AND s.slug = ${change!.service} AND f.deployed_at = ${change!.deployedAt}`)
    expect(moved!.seconds).toBe(30 * 24 * 3600)

    // a change moves to another pull request and gets a merge time (pull_request webhooks do this)
    await ingestDeployments(teamA.caller, [deployment(change!.service, change!.externalId, change!.deployedAt.getTime(), [{ sha: change!.sha, prNumber: 999, prMergedAt: new Date(change!.deployedAt.getTime() - HOUR) }])], raw)
    await expectSamePaths(teamA.teamId)

    // a deployment's status corrected, and a later redeploy of an old version (rollback flags move)
    const [late] = await queryRows<{ service: string; externalId: string; finishedAt: Date }>(pool(), sql`
      SELECT s.slug AS service, d.external_id AS "externalId", d.finished_at AS "finishedAt" FROM deployment d JOIN service s ON s.id = d.service_id
      WHERE s.team_id = ${teamA.teamId} AND d.status = 'success' AND d.external_id LIKE 'p%' ORDER BY d.finished_at LIMIT 1 OFFSET 40`)
    await ingestDeployments(teamA.caller, [deployment(late!.service, late!.externalId, late!.finishedAt.getTime(), [], 'production', { status: 'failure' })], raw)
    await ingestDeployments(teamA.caller, [deployment(late!.service, 'redeploy-v1', late!.finishedAt.getTime() + 60_000, [], 'production', { version: 'v1' })], raw)
    await expectSamePaths(teamA.teamId)

    // an incident names another deployment as its cause, another one is deleted: the deployments'
    // incident flags (and their counts) follow
    const [inc] = await queryRows<{ externalId: string; service: string; other: string }>(pool(), sql`
      SELECT i.external_id AS "externalId", s.slug AS service,
        (SELECT d.external_id FROM deployment d WHERE d.service_id = s.id AND d.status = 'success' AND d.id <> i.cause_deployment_id ORDER BY d.id LIMIT 1) AS other
      FROM incident i JOIN service s ON s.id = i.service_id
      WHERE s.team_id = ${teamA.teamId} AND i.cause_deployment_id IS NOT NULL ORDER BY i.id LIMIT 1`)
    await ingestIncident(teamA.caller, { id: inc!.externalId, service: inc!.service, causeDeploymentId: inc!.other }, raw)
    await pool().query(sql`DELETE FROM incident WHERE id IN (SELECT i.id FROM incident i JOIN service s ON s.id = i.service_id
      WHERE s.team_id = ${teamA.teamId} AND i.fix_deployment_id IS NOT NULL ORDER BY i.id LIMIT 2)`)
    await expectSamePaths(teamA.teamId)

    // deployments deleted (their first-deployment rows go with them)
    await pool().query(sql`DELETE FROM deployment WHERE id IN (
      SELECT d.id FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.team_id = ${teamA.teamId} ORDER BY d.id LIMIT 5 OFFSET 20)`)
    await expectSamePaths(teamA.teamId)

    // a service changes team: its histograms move with it
    await pool().query(sql`UPDATE service SET team_id = ${teamB.teamId} WHERE slug = ${services[2]!}`)
    await expectSamePaths(teamA.teamId)
    await expectSamePaths(teamB.teamId)

    // folding the deltas changes no number, and a second fold finds nothing to do
    const first = await compactRollups()
    expect(first.leadTime.removed).toBeGreaterThan(first.leadTime.kept)
    expect(first.deployments.removed).toBeGreaterThan(first.deployments.kept)
    await expectSamePaths(teamA.teamId)
    await expectSamePaths(teamB.teamId)
    expect(await compactRollups()).toEqual({ leadTime: { removed: 0, kept: 0 }, deployments: { removed: 0, kept: 0 } })
  }, 120_000)

  it('answers for a team without changes, and for windows outside the data', async () => {
    const empty = await seedTeamWithToken(process.env.DATABASE_URL!, 'ltr-empty')
    const w = window(START, START + 7 * 24 * HOUR, 'UTC', 'day')
    const none = [{ bucket: null, count: 0, median: null, p75: null, p90: null, mean: null, negative: 0, untimed: 0 }]
    expect(await leadTimeStatsFromRollup({ ...w, teamIds: [empty.teamId] })).toEqual(none)
    expect(await leadTimeStatsFromRollup(w)).toEqual(none)
    const later = { ...window(START + 90 * 24 * HOUR, START + 97 * 24 * HOUR, 'UTC', 'week'), serviceIds: await serviceIdsOf(teamA.teamId) }
    expect(byBucket((await leadTimeStatsFromRollup({ ...later, teamIds: [teamA.teamId] }))!)).toEqual(approximately(await leadTimeStatsFromChanges(later)))
    expect(byBucket((await leadTimeStatsFromRollup(later))!)).toEqual(approximately(await leadTimeStatsFromChanges(later)))
  })

  it('a set-based rebuild (what the bulk loaders run) gives the rows the triggers kept', async () => {
    // a rollup's sums per key (its deltas folded)
    const histograms = (table: string, key: string, period: string) => queryRows(pool(), sql`
      SELECT ${sqlRaw(key)}, environment_id, span, ${sqlRaw(period)}::text, bin, sum(changes)::int AS n, sum(sum_ms)::text AS ms
      FROM ${sqlRaw(table)} GROUP BY 1, 2, 3, 4, 5 HAVING sum(changes) <> 0 OR sum(sum_ms) <> 0 ORDER BY 1, 2, 3, 4, 5`)
    const counts = (table: string, key: string) => queryRows(pool(), sql`
      SELECT ${sqlRaw(key)}, environment_id, day::text, sum(success)::int AS s, sum(failure)::int AS f, sum(rolled_back)::int AS rb,
        sum(change_failure)::int AS cf, sum(caused_incident)::int AS ci, sum(unplanned)::int AS u FROM ${sqlRaw(table)} GROUP BY 1, 2, 3
      HAVING (sum(success), sum(failure), sum(rolled_back), sum(change_failure), sum(caused_incident), sum(unplanned)) <> (0, 0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3`)
    const snapshot = async () => Promise.all([
      histograms('lead_time_rollup', 'team_id', 'day'),
      counts('deployment_rollup', 'team_id'),
      histograms('lead_time_service_rollup', 'service_id', 'week'),
      counts('deployment_service_rollup', 'service_id'),
      queryRows(pool(), sql`SELECT * FROM pull_request_deployment ORDER BY 1, 2, 3`),
      queryRows(pool(), sql`SELECT id, caused_incident, fixed_incident FROM deployment WHERE caused_incident OR fixed_incident ORDER BY id`),
    ])
    const kept = await snapshot()
    expect(kept[0].length).toBeGreaterThan(100)
    expect(kept[2].length).toBeGreaterThan(100)
    const client = await pool().connect()
    try {
      await client.query('BEGIN')
      const resume = await suspendRollupTriggers(client)
      await rebuildRollups(client)
      await resume()
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    expect(await snapshot()).toEqual(kept)
  }, 60_000)

  it('says so when the histograms disagree with the changes, instead of answering wrong', async () => {
    const serviceIds = await serviceIdsOf(teamA.teamId)
    const w = { ...window(START, START + 31 * 24 * HOUR, 'UTC', 'week'), serviceIds }
    // a histogram row no change backs: some rank then points past the bin's values
    await pool().query(sql`INSERT INTO lead_time_rollup (team_id, environment_id, day, bin, changes, sum_ms)
      SELECT ${teamA.teamId}, ${environmentIds[0]!}, '2026-03-03', bin, 5000, 0 FROM (SELECT max(lead_bin) AS bin FROM change_first_deployment WHERE service_id = ANY(${serviceIds}::int[])) m`)
    expect(await leadTimeStatsFromRollup({ ...w, teamIds: [teamA.teamId] })).toBeNull()
    await pool().query(sql`DELETE FROM lead_time_rollup WHERE team_id = ${teamA.teamId} AND changes = 5000`)
    // the same for one service's histograms
    await pool().query(sql`INSERT INTO lead_time_service_rollup (service_id, environment_id, span, week, bin, changes, sum_ms)
      SELECT ${serviceIds[0]!}, ${environmentIds[0]!}, 0, '2026-03-02', bin, 5000, 0 FROM (SELECT max(lead_bin) AS bin FROM change_first_deployment WHERE service_id = ${serviceIds[0]!}) m`)
    expect(await leadTimeStatsFromRollup({ ...w, serviceIds: [serviceIds[0]!] })).toBeNull()
    await pool().query(sql`DELETE FROM lead_time_service_rollup WHERE service_id = ${serviceIds[0]!} AND changes = 5000`)
  })
})
