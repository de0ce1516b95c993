// DORA performance levels as data: one ordered list of bounds per metric and report year.
// Values are the published cluster profiles (docs/metrics.md, "Levels"); per-metric badges are our
// reading of them, with the caveats in `note`.
export type Level = 'elite' | 'high' | 'medium' | 'low'
export type BenchmarkId = 'dora-2021' | 'dora-2023' | 'dora-2024'
export type LevelledMetric = 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore'

// `atMost` / `atLeast`: the first bound the value satisfies gives the level; none: 'low'.
export type Bound = { level: Level; atMost?: number; atLeast?: number; below?: number }

export type Benchmark = {
  id: BenchmarkId
  title: string
  source: string
  note?: string
  // deployments per day (>=), lead time seconds (<), change failure rate as a fraction (<=), restore seconds (<)
  bounds: Record<LevelledMetric, Bound[]>
}

const HOUR = 3600
const DAY = 24 * HOUR

export const benchmarks: Record<BenchmarkId, Benchmark> = {
  'dora-2023': {
    id: 'dora-2023',
    title: 'DORA 2023 (default)',
    source: 'Accelerate State of DevOps Report 2023',
    bounds: {
      deploymentFrequency: [{ level: 'elite', atLeast: 1 }, { level: 'high', atLeast: 1 / 7 }, { level: 'medium', atLeast: 1 / 30 }],
      leadTime: [{ level: 'elite', below: DAY }, { level: 'high', below: 7 * DAY }, { level: 'medium', below: 30 * DAY }],
      changeFailureRate: [{ level: 'elite', atMost: 0.05 }, { level: 'high', atMost: 0.1 }, { level: 'medium', atMost: 0.15 }],
      timeToRestore: [{ level: 'elite', below: HOUR }, { level: 'high', below: DAY }, { level: 'medium', below: 7 * DAY }],
    },
  },
  'dora-2021': {
    id: 'dora-2021',
    title: 'DORA 2021',
    source: 'Accelerate State of DevOps Report 2021, p. 9',
    note: 'The 2021 report gives high, medium and low the same change failure band (16-30%): up to 30% is shown as high, above it as low.',
    bounds: {
      deploymentFrequency: [{ level: 'elite', atLeast: 1 }, { level: 'high', atLeast: 1 / 30 }, { level: 'medium', atLeast: 1 / 182 }],
      leadTime: [{ level: 'elite', below: HOUR }, { level: 'high', below: 7 * DAY }, { level: 'medium', below: 182 * DAY }],
      changeFailureRate: [{ level: 'elite', atMost: 0.15 }, { level: 'high', atMost: 0.3 }],
      timeToRestore: [{ level: 'elite', below: HOUR }, { level: 'high', below: DAY }, { level: 'medium', below: 7 * DAY }],
    },
  },
  'dora-2024': {
    id: 'dora-2024',
    title: 'DORA 2024',
    source: 'Accelerate State of DevOps Report 2024, p. 13',
    note: 'In 2024 the medium cluster fails less often (10%) than the high one (20%), and high and medium share "less than one day" to recover: a change failure rate up to 10% is shown as medium, up to 20% as high; recovery under a day as high.',
    bounds: {
      deploymentFrequency: [{ level: 'elite', atLeast: 1 }, { level: 'high', atLeast: 1 / 7 }, { level: 'medium', atLeast: 1 / 30 }],
      leadTime: [{ level: 'elite', below: DAY }, { level: 'high', below: 7 * DAY }, { level: 'medium', below: 30 * DAY }],
      changeFailureRate: [{ level: 'elite', atMost: 0.05 }, { level: 'medium', atMost: 0.1 }, { level: 'high', atMost: 0.2 }],
      timeToRestore: [{ level: 'elite', below: HOUR }, { level: 'high', below: DAY }],
    },
  },
}

// null when there is nothing to classify (no sample).
export function levelOf(benchmark: Benchmark, metric: LevelledMetric, value: number | null): Level | null {
  if (value === null || Number.isNaN(value)) return null
  for (const b of benchmark.bounds[metric]) {
    if (b.atLeast !== undefined && value >= b.atLeast) return b.level
    if (b.atMost !== undefined && value <= b.atMost) return b.level
    if (b.below !== undefined && value < b.below) return b.level
  }
  return 'low'
}
