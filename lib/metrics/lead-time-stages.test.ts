import { describe, expect, it } from 'vitest'
import { stageSpans, summarizeStage, withoutPullRequestShare, type StageMoments } from '@/lib/metrics/lead-time-stages'

const t = (hhmm: string, day = 1) => new Date(`2026-03-0${day}T${hhmm}:00Z`)
const pr = (m: Partial<StageMoments>): StageMoments => ({
  firstCommitAt: t('08:00'), readyAt: t('10:00'), firstReviewAt: t('13:00'), mergedAt: t('17:00'), deployedAt: t('09:00', 2), pullRequest: true, ...m,
})
const H = 3600

describe('stageSpans', () => {
  it.each([
    ['every moment known', pr({}), { coding: 2 * H, pickup: 3 * H, review: 4 * H, deploy: 16 * H }],
    ['never reviewed: pickup and review are no data', pr({ firstReviewAt: null }), { coding: 2 * H, pickup: null, review: null, deploy: 16 * H }],
    ['reviewed as a draft, before ready: picked up at once', pr({ firstReviewAt: t('09:00') }), { coding: 2 * H, pickup: 0, review: 8 * H, deploy: 16 * H }],
    ['reviewed after the merge: review 0', pr({ firstReviewAt: t('18:00') }), { coding: 2 * H, pickup: 8 * H, review: 0, deploy: 16 * H }],
    ['first commit later than ready (a squash): coding is no data', pr({ firstCommitAt: t('16:00') }),
      { coding: null, pickup: 3 * H, review: 4 * H, deploy: 16 * H }],
    ['first commit unknown', pr({ firstCommitAt: null }), { coding: null, pickup: 3 * H, review: 4 * H, deploy: 16 * H }],
    ['ready unknown', pr({ readyAt: null }), { coding: null, pickup: null, review: 4 * H, deploy: 16 * H }],
    ['deployed before the merge: deploy is no data', pr({ deployedAt: t('16:00') }), { coding: 2 * H, pickup: 3 * H, review: 4 * H, deploy: null }],
    ['a change without a pull request: deploy only, from its commit', { ...pr({}), pullRequest: false },
      { coding: null, pickup: null, review: null, deploy: 25 * H }],
  ])('%s', (_name, moments, spans) => {
    expect(stageSpans(moments)).toEqual(spans)
  })
})

describe('summarizeStage', () => {
  it.each([
    ['no spans', [], { median: null, p75: null, p90: null, n: 0, note: 'no data' }],
    ['only unknown spans', [null, null], { median: null, p75: null, p90: null, n: 0, note: 'no data' }],
    ['one span: shown with its n, below the minimum sample', [60, null],
      { median: 60, p75: 60, p90: 60, n: 1, note: 'not enough data: 1 of the 5 changes needed' }],
    ['five spans', [10, 20, 30, 40, 50], { median: 30, p75: 40, p90: 46, n: 5, note: null }],
  ])('%s', (_name, spans, summary) => {
    expect(summarizeStage(spans)).toEqual(summary)
  })
})

describe('withoutPullRequestShare', () => {
  it.each([
    [0, 0, null],
    [1, 3, 0.25],
    [2, 0, 1],
  ])('%i without of %i pull requests', (without, prs, share) => {
    expect(withoutPullRequestShare(without, prs)).toBe(share)
  })
})
