import { percentileCont } from '@/lib/metrics/percentile'
import { sampleShortfall } from '@/lib/metrics/minimum-sample'

// Lead time taken apart (docs/metrics.md, "Lead time stages"): where a change waits between its first
// commit and its first production deployment.
export const STAGES = ['coding', 'pickup', 'review', 'deploy'] as const
export type Stage = (typeof STAGES)[number]
export const STAGES_DEFINITION = 'Lead time by stage, per pull request first deployed to production in the window: coding (first commit to ready for review), '
  + 'pickup (ready to first review by someone else), review (first review to merge), deploy (merge to first production deployment). '
  + 'A change without a pull request counts in deploy only (commit to deployment). Median, p75, p90 in seconds, with n.'

// One pull request's (or change's) moments; null = not known.
export type StageMoments = {
  firstCommitAt: Date | null; readyAt: Date | null; firstReviewAt: Date | null; mergedAt: Date | null; deployedAt: Date
  // false: a change without a pull request (it counts in the deploy stage only, commit to deployment)
  pullRequest: boolean
}
export type StageSpans = Record<Stage, number | null>

const seconds = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / 1000 : null)
const atLeastZero = (s: number | null) => (s === null ? null : Math.max(0, s))
const notNegative = (s: number | null) => (s === null || s < 0 ? null : s)

// The four spans of one pull request, in seconds. A review of a draft, before it was ready, picked it up
// at once (pickup 0); a review after the merge leaves review at 0. A first commit later than ready or a
// deployment before the merge means Plimsoll does not hold the real moment (a squashed commit, a
// re-deployed sha): that stage is no data, never a negative or made-up span. A change without a pull
// request has the deploy stage only: commit to deployment.
export function stageSpans(m: StageMoments): StageSpans {
  if (!m.pullRequest) return { coding: null, pickup: null, review: null, deploy: notNegative(seconds(m.firstCommitAt, m.deployedAt)) }
  return {
    coding: notNegative(seconds(m.firstCommitAt, m.readyAt)),
    pickup: atLeastZero(seconds(m.readyAt, m.firstReviewAt)),
    review: atLeastZero(seconds(m.firstReviewAt, m.mergedAt)),
    deploy: notNegative(seconds(m.mergedAt, m.deployedAt)),
  }
}

export type StageSummary = { median: number | null; p75: number | null; p90: number | null; n: number; note: string | null }

// Median, p75 and p90 of one stage's spans (PostgreSQL's percentile_cont, so SQL and this agree), with
// the lead-time minimum sample: below it the figures are shown with their n and a note, never a level.
export function summarizeStage(spans: readonly (number | null)[]): StageSummary {
  const values = spans.filter((s): s is number => s !== null)
  const n = values.length
  return {
    median: percentileCont(values, 0.5), p75: percentileCont(values, 0.75), p90: percentileCont(values, 0.9), n,
    note: n === 0 ? 'no data' : sampleShortfall('leadTime', n),
  }
}

// The note a summary read from SQL gets: the same rule as summarizeStage.
export const stageNote = (n: number) => (n === 0 ? 'no data' : sampleShortfall('leadTime', n))

// The share of changes shipped without a pull request (they count in the deploy stage only); null: none.
export function withoutPullRequestShare(changesWithout: number, pullRequests: number): number | null {
  const all = changesWithout + pullRequests
  return all === 0 ? null : changesWithout / all
}

// What the query gives per bucket (null: the window) and stage: percentiles [p50, p75, p90] and n.
export type StageRow = { bucket: string | null; pullRequests: number; withoutPullRequest: number } & Record<Stage, { n: number; percentiles: number[] | null }>
type BucketBounds = { key: string; start: Date; end: Date }

const fromRow = (s: { n: number; percentiles: number[] | null } | undefined): StageSummary => ({
  median: s?.percentiles?.[0] ?? null, p75: s?.percentiles?.[1] ?? null, p90: s?.percentiles?.[2] ?? null, n: s?.n ?? 0, note: stageNote(s?.n ?? 0),
})

// GET /api/v1/metrics' leadTimeStages: per stage its summary and its series (every bucket, empty ones
// as no data), how many pull requests, and how many changes shipped without one and their share.
export function buildLeadTimeStages(rows: StageRow[], buckets: BucketBounds[]) {
  const total = rows.find((r) => r.bucket === null)
  const byKey = new Map(rows.filter((r) => r.bucket !== null).map((r) => [r.bucket!, r]))
  const pullRequests = total?.pullRequests ?? 0
  const without = total?.withoutPullRequest ?? 0
  return {
    stages: Object.fromEntries(STAGES.map((stage) => [stage, {
      summary: fromRow(total?.[stage]),
      series: buckets.map((b) => ({ bucket: b.key, start: b.start, end: b.end, ...fromRow(byKey.get(b.key)?.[stage]) })),
    }])) as Record<Stage, { summary: StageSummary; series: (StageSummary & { bucket: string; start: Date; end: Date })[] }>,
    pullRequests,
    withoutPullRequest: { changes: without, share: withoutPullRequestShare(without, pullRequests) },
  }
}
