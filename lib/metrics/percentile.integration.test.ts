import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { percentileCont } from '@/lib/metrics/percentile'

describe('percentileCont agrees with PostgreSQL', () => {
  it.each([0, 0.25, 0.5, 0.75, 0.9, 0.95, 1])('at %s on skewed durations', async (fraction) => {
    // lead-time-like data: many short spans, a long tail, duplicates
    const values = Array.from({ length: 257 }, (_, i) => Math.round(((i * 7919) % 1000) ** 2 / 37) + (i % 5 === 0 ? 86_400 : 0))
    const [row] = await queryRows<{ p: number }>(
      pool(),
      sql`SELECT percentile_cont(${fraction}::float8) WITHIN GROUP (ORDER BY v) AS p FROM unnest(${values}::float8[]) AS v`,
    )
    expect(percentileCont(values, fraction)).toBeCloseTo(row!.p, 9)
  })
})
