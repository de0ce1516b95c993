import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { rollingLeadTime, rollingRestore } from '@/lib/queries/metrics/rolling-durations'
import { buildScenario } from '@/lib/testing/metric-scenario'
import { listBuckets } from '@/lib/time/buckets'
import { rollingWindows } from '@/lib/time/rolling-windows'

const H = 3600
const at = (day: number, hour = 10) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`

// Trailing 3-day medians, by hand: changes deployed on 2, 4 and 9 March after 2, 4 and 6 hours; incidents
// resolved on 3 and 4 March after 1 and 3 hours.
describe('rolling lead time and time to restore', () => {
  it('each day\'s median is over its own trailing window, nothing before the range, no value without data', async () => {
    const s = await buildScenario(process.env.DATABASE_URL!, [
      { service: 'api', id: 'd0', at: at(1), commits: [{ sha: 'f'.repeat(40), committedAt: at(1, 0) }] },
      { service: 'api', id: 'd1', at: at(2), commits: [{ sha: 'a'.repeat(40), committedAt: at(2, 8) }] },
      { service: 'api', id: 'd2', at: at(4), commits: [{ sha: 'b'.repeat(40), committedAt: at(4, 6) }] },
      { service: 'api', id: 'd3', at: at(9), commits: [{ sha: 'c'.repeat(40), committedAt: at(9, 4) }] },
    ], [
      { service: 'api', id: 'i1', openedAt: at(3, 9), resolvedAt: at(3, 10) },
      { service: 'api', id: 'i2', openedAt: at(4, 7), resolvedAt: at(4, 10) },
    ])
    const [svc] = await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${s.services.api!}`)
    const env = await queryRows<{ id: number }>(pool(), sql`SELECT id FROM environment WHERE name = 'production'`)
    const w = {
      serviceIds: [svc!.id], environmentIds: env.map((e) => e.id), from: new Date(at(2, 0)), to: new Date(at(11, 0)), tz: 'UTC', granularity: 'day' as const,
    }
    const windows = rollingWindows(listBuckets(w.from, w.to, 'day', 'UTC'), 3)
    const byDay = (rows: { bucket: string; count: number; median: number | null }[]) => Object.fromEntries(rows.map((r) => [r.bucket, [r.count, r.median]]))

    // d0 (1 March) is before the range: never in a window
    expect(byDay(await rollingLeadTime(w, windows))).toEqual({
      '2026-03-02': [1, 2 * H], '2026-03-03': [1, 2 * H], '2026-03-04': [2, 3 * H], '2026-03-05': [1, 4 * H], '2026-03-06': [1, 4 * H],
      '2026-03-07': [0, null], '2026-03-08': [0, null], '2026-03-09': [1, 6 * H], '2026-03-10': [1, 6 * H],
    })
    expect(byDay(await rollingRestore(w, windows))).toMatchObject({
      '2026-03-02': [0, null], '2026-03-03': [1, H], '2026-03-04': [2, 2 * H], '2026-03-05': [2, 2 * H], '2026-03-06': [1, 3 * H], '2026-03-07': [0, null],
    })
  })
})
