import { describe, expect, it } from 'vitest'
import { goalLabel, goalViews } from '@/lib/dashboard/goal-views'

describe('goalLabel', () => {
  it.each([
    ['changeFailureRate', 0.1, '≤ 10.0%'],
    ['leadTime', 86_400, '≤ 1 d'],
    ['availability', 0.9995, '≥ 99.950%'],
    ['compliance', 80, '≥ 80 / 100'],
  ] as const)('%s %f -> %s', (metric, target, label) => {
    expect(goalLabel(metric, target)).toBe(label)
  })
})

describe('goalViews', () => {
  it('judges each goal on its own metric, and a missing value as no data', () => {
    const views = goalViews([{ metric: 'changeFailureRate', target: 0.1 }, { metric: 'leadTime', target: 3600 }, { metric: 'compliance', target: 80 }],
      { changeFailureRate: 0.2, leadTime: null })
    expect(views.map((v) => [v.metric, v.status])).toEqual([['changeFailureRate', 'missed'], ['leadTime', 'no_data'], ['compliance', 'no_data']])
  })
})
