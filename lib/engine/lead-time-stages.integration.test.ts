import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { metricsQuery } from '@/lib/validation/metrics'
import { pool, queryRows } from '@/lib/db'
import { buildScenario } from '@/lib/testing/metric-scenario'
import { upsertPullRequest } from '@/lib/queries/upsert-pull-request'
import { stageSpans, summarizeStage, STAGES, type StageMoments } from '@/lib/metrics/lead-time-stages'
import { leadTimeStagesDtoSchema } from '@/lib/validation/lead-time-stages'

// Lead time's stages through the real ingest path and GET /api/v1/metrics' engine, computed by hand:
//   #1: first commit 03-02 08:00 (a change), ready 10:00, reviewed 13:00, merged 17:00, deployed 03-03 09:00
//       -> coding 2 h, pickup 3 h, review 4 h, deploy 16 h
//   #2: first commit 03-04 06:00 (its row; its change is 09:00), ready 12:00, reviewed 12:30, merged 03-05 09:00, deployed 10:00
//       -> coding 6 h, pickup 0.5 h, review 20.5 h, deploy 1 h
//   #3: known only from its merge commit (no row): merged 03-06 10:00, deployed 12:00 -> deploy 2 h
//   a change without a pull request: committed 03-06 00:00, deployed 12:00 -> deploy 12 h
const H = 3600
const t = (s: string) => new Date(`2026-03-${s}:00Z`)

describe('lead time stages (issue 25)', () => {
  it('gives each stage its median, p75, p90 and n, and the share without a pull request', async () => {
    const s = await buildScenario(process.env.DATABASE_URL!, [
      { service: 'api', id: 'd1', at: '2026-03-03T09:00:00Z', commits: [
        { sha: 'a1a1a1a', committedAt: '2026-03-02T08:00:00Z', prNumber: 1, prMergedAt: '2026-03-02T17:00:00Z' },
        { sha: 'a2a2a2a', committedAt: '2026-03-02T17:00:00Z', prNumber: 1, prMergedAt: '2026-03-02T17:00:00Z' }] },
      { service: 'api', id: 'd2', at: '2026-03-05T10:00:00Z', commits: [
        { sha: 'b1b1b1b', committedAt: '2026-03-04T09:00:00Z', prNumber: 2, prMergedAt: '2026-03-05T09:00:00Z' }] },
      { service: 'api', id: 'd3', at: '2026-03-06T12:00:00Z', commits: [
        { sha: 'c1c1c1c', committedAt: '2026-03-06T09:00:00Z', prNumber: 3, prMergedAt: '2026-03-06T10:00:00Z' },
        { sha: 'd1d1d1d', committedAt: '2026-03-06T00:00:00Z' }] },
    ])
    const [svc] = await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${s.services.api} AND team_id = ${s.caller.teamId}`)
    await upsertPullRequest(pool(), [svc!.id], 1, {
      source: 'api', readyAt: t('02T10:00'), firstReviewAt: t('02T13:00'), mergedAt: t('02T17:00'), additions: 30, deletions: 10,
    })
    await upsertPullRequest(pool(), [svc!.id], 2, {
      source: 'api', firstCommitAt: t('04T06:00'), readyAt: t('04T12:00'), firstReviewAt: t('04T12:30'), mergedAt: t('05T09:00'),
      additions: 150, deletions: 100,
    })

    const query = metricsQuery.parse({ from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' })
    const r = await getMetricsReport(s.caller, query, new Date('2026-04-15T00:00:00Z'))
    const st = r.leadTimeStages
    expect(leadTimeStagesDtoSchema.safeParse(st).success).toBe(true) // the shape the OpenAPI document names
    const below = (n: number) => `not enough data: ${n} of the 5 changes needed`
    expect(st.stages.coding.summary).toEqual({ median: 4 * H, p75: 5 * H, p90: 5.6 * H, n: 2, note: below(2) })
    expect(st.stages.pickup.summary).toEqual({ median: 1.75 * H, p75: 2.375 * H, p90: 2.75 * H, n: 2, note: below(2) })
    expect(st.stages.review.summary).toEqual({ median: 12.25 * H, p75: 16.375 * H, p90: 18.85 * H, n: 2, note: below(2) })
    // deploy: 1, 2, 12, 16 h
    expect(st.stages.deploy.summary).toEqual({ median: 7 * H, p75: 13 * H, p90: 14.8 * H, n: 4, note: below(4) })
    expect([st.pullRequests, st.withoutPullRequest]).toEqual([3, { changes: 1, share: 0.25 }])
    // weekly series: all in the week of Monday 03-02, the other weeks no data
    const week = st.stages.deploy.series.find((p) => p.bucket === '2026-03-02')
    expect(week).toMatchObject({ median: 7 * H, n: 4 })
    expect(st.stages.deploy.series.filter((p) => p.bucket !== '2026-03-02').every((p) => p.n === 0 && p.median === null && p.note === 'no data')).toBe(true)

    // by size: #1 (40 lines) 25 h from its first commit, #2 (250 lines) 28 h, #3 no size known
    expect(st.bySize.bands.map((b) => [b.band, b.median, b.n])).toEqual([['< 50', 25 * H, 1], ['50-200', null, 0], ['200-800', 28 * H, 1], ['> 800', null, 0]])
    expect(st.bySize.unknownSize).toBe(1)

    // the SQL and lib/metrics' stageSpans/summarizeStage agree on the same moments
    const moments: StageMoments[] = [
      { firstCommitAt: t('02T08:00'), readyAt: t('02T10:00'), firstReviewAt: t('02T13:00'), mergedAt: t('02T17:00'), deployedAt: t('03T09:00'),
        pullRequest: true },
      { firstCommitAt: t('04T06:00'), readyAt: t('04T12:00'), firstReviewAt: t('04T12:30'), mergedAt: t('05T09:00'), deployedAt: t('05T10:00'),
        pullRequest: true },
      { firstCommitAt: t('06T09:00'), readyAt: null, firstReviewAt: null, mergedAt: t('06T10:00'), deployedAt: t('06T12:00'), pullRequest: true },
      { firstCommitAt: t('06T00:00'), readyAt: null, firstReviewAt: null, mergedAt: null, deployedAt: t('06T12:00'), pullRequest: false },
    ]
    const spans = moments.map(stageSpans)
    for (const stage of STAGES) expect(st.stages[stage].summary).toEqual(summarizeStage(spans.map((x) => x[stage])))
  })
})
