import { describe, expect, it } from 'vitest'
import { goalCrossing, goalStatus, type GoalMetric, type GoalStatus } from '@/lib/metrics/goal-status'

const DAY = 86_400

describe('goalStatus', () => {
  it.each<[GoalMetric, number, number | null, GoalStatus]>([
    // CFR <= 10 %: at risk above 9 % (10 % of the way from 10 % to 0)
    ['changeFailureRate', 0.1, 0.05, 'met'],
    ['changeFailureRate', 0.1, 0.09, 'met'],
    ['changeFailureRate', 0.1, 0.095, 'at_risk'],
    ['changeFailureRate', 0.1, 0.1, 'at_risk'], // equal is met, with no room left
    ['changeFailureRate', 0.1, 0.1001, 'missed'],
    ['changeFailureRate', 0.1, null, 'no_data'], // never 0 % or met
    // lead time <= 1 d: at risk above 21.6 h
    ['leadTime', DAY, 20 * 3600, 'met'],
    ['leadTime', DAY, 23 * 3600, 'at_risk'],
    ['leadTime', DAY, 2 * DAY, 'missed'],
    ['timeToRestore', 3600, 0, 'met'],
    // availability >= 99.95 %: at risk below 99.955 % (10 % of the 0.05 % left to 100 %)
    ['availability', 0.9995, 0.9999, 'met'],
    ['availability', 0.9995, 0.99952, 'at_risk'],
    ['availability', 0.9995, 0.9994, 'missed'],
    // compliance >= 80: at risk below 82
    ['compliance', 80, 95, 'met'],
    ['compliance', 80, 81, 'at_risk'],
    ['compliance', 80, 79.9, 'missed'],
    // deployment frequency >= 1 a day: at risk under 1.1 a day
    ['deploymentFrequency', 1, 3, 'met'],
    ['deploymentFrequency', 1, 1.05, 'at_risk'],
    ['deploymentFrequency', 1, 0.5, 'missed'],
    ['deploymentFrequency', 1, Number.NaN, 'no_data'],
  ])('%s target %f, value %s -> %s', (metric, target, value, status) => {
    expect(goalStatus(metric, target, value)).toBe(status)
  })
})

describe('goalCrossing', () => {
  it.each<[boolean | null, GoalStatus, 'met' | 'missed' | null]>([
    [null, 'missed', null], // first evaluation: a starting point, not a crossing
    [true, 'met', null],
    [true, 'at_risk', null],
    [true, 'missed', 'missed'],
    [false, 'missed', null],
    [false, 'at_risk', 'met'],
    [false, 'met', 'met'],
    [true, 'no_data', null],
  ])('was met %s, now %s -> %s', (previous, status, crossing) => {
    expect(goalCrossing(previous, status)).toBe(crossing)
  })
})
