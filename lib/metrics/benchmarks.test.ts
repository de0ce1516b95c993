import { describe, expect, it } from 'vitest'
import { benchmarks, levelOf, type BenchmarkId, type LevelledMetric } from '@/lib/metrics/benchmarks'

const H = 3600
const D = 86_400

describe('levelOf', () => {
  it.each<[BenchmarkId, LevelledMetric, number | null, string | null]>([
    ['dora-2023', 'deploymentFrequency', 1, 'elite'],
    ['dora-2023', 'deploymentFrequency', 0.99, 'high'],
    ['dora-2023', 'deploymentFrequency', 1 / 7, 'high'],
    ['dora-2023', 'deploymentFrequency', 1 / 8, 'medium'],
    ['dora-2023', 'deploymentFrequency', 1 / 30, 'medium'],
    ['dora-2023', 'deploymentFrequency', 1 / 31, 'low'],
    ['dora-2023', 'deploymentFrequency', 0, 'low'],
    ['dora-2023', 'leadTime', D - 1, 'elite'],
    ['dora-2023', 'leadTime', D, 'high'],
    ['dora-2023', 'leadTime', 7 * D, 'medium'],
    ['dora-2023', 'leadTime', 30 * D, 'low'],
    ['dora-2023', 'changeFailureRate', 0.05, 'elite'],
    ['dora-2023', 'changeFailureRate', 0.0501, 'high'],
    ['dora-2023', 'changeFailureRate', 0.15, 'medium'],
    ['dora-2023', 'changeFailureRate', 0.16, 'low'],
    ['dora-2023', 'timeToRestore', H - 1, 'elite'],
    ['dora-2023', 'timeToRestore', D, 'medium'],
    ['dora-2023', 'timeToRestore', 7 * D, 'low'],
    ['dora-2023', 'leadTime', null, null],
    ['dora-2021', 'leadTime', 2 * H, 'high'],
    ['dora-2021', 'changeFailureRate', 0.25, 'high'],
    ['dora-2021', 'changeFailureRate', 0.31, 'low'],
    ['dora-2021', 'deploymentFrequency', 1 / 60, 'medium'],
    ['dora-2024', 'changeFailureRate', 0.08, 'medium'],
    ['dora-2024', 'changeFailureRate', 0.18, 'high'],
    ['dora-2024', 'changeFailureRate', 0.3, 'low'],
    ['dora-2024', 'timeToRestore', 2 * D, 'low'],
  ])('%s %s %s -> %s', (id, metric, value, level) => {
    expect(levelOf(benchmarks[id], metric, value)).toBe(level)
  })
})
