import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { evaluateBurnAlerts, type BurnAlertEvent } from '@/lib/alerts/evaluate-burn-alerts'
import { listSloAlerts } from '@/lib/queries/alerts/slo-alerts'
import { upsertProbeRollups } from '@/lib/queries/probes/upsert-probe-rollups'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import type { RollupRow } from '@/lib/probes/rollup-buffer'

// A scripted burn on a 99.9 % service probed 10 times a minute (target 99.9 %: 0.1 % of samples may fail):
// 6 h clean, then 10 minutes with 3 of 10 samples failing (minutes 360-369), then clean again. The
// workbook's rules, worked by hand (bad samples in the window vs factor x 0.1 % x samples in it):
//   page_1h  (14.4x, 1 h & 5 min): the hour holds 600 samples, above 8.64 bad from the 3rd bad minute -> opens
//            at 363; the 5 minutes hold a bad minute up to 374 -> resolves at 375.
//   page_6h  (6x, 6 h & 30 min): 3600 samples, above 21.6 bad from the 8th bad minute -> opens at 368; the
//            30 minutes hold bad minute 369 up to 399 -> resolves at 400.
//   ticket_3d (1x, 3 d & 6 h): all 10 t samples since minute 0, above 0.01 t bad at t = 362 (6 > 3.62), and the
//            6 h window above 3.6 bad (6 > 3.6); the 6 h window holds two bad minutes up to 728 -> resolves at 729.
const T0 = Date.parse('2026-06-01T00:00:00Z')
const M = 60_000
const END = 740
const PER_MINUTE = 10
const badAt = (minute: number) => (minute >= 360 && minute < 370 ? 3 : 0)
const expected = [
  { rule: 'ticket_3d', opened: 362, resolved: 729 },
  { rule: 'page_1h', opened: 363, resolved: 375 },
  { rule: 'page_6h', opened: 368, resolved: 400 },
]

function script(checkId: number): RollupRow[] {
  const rows: RollupRow[] = []
  for (let h = 0; h * 60 < END; h++) {
    const ok = Array<number>(60).fill(0)
    const fail = Array<number>(60).fill(0)
    for (let i = 0; i < 60 && h * 60 + i < END; i++) {
      fail[i] = badAt(h * 60 + i)
      ok[i] = PER_MINUTE - fail[i]!
    }
    rows.push({ checkId, hour: new Date(T0 + h * 60 * M), ok, fail, latencyMs: Array(60).fill(5) })
  }
  return rows
}

let burning: number
let quiet: number
const events: BurnAlertEvent[] = []

beforeAll(async () => {
  const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'burn')
  const service = async () => (await pool().query<{ id: number }>(
    'INSERT INTO service (team_id, slug, name, slo_target) VALUES ($1, $2, $2, 99.9) RETURNING id', [teamId, uniqueSlug('svc')])).rows[0]!.id
  burning = await service()
  quiet = await service()
  const check = async (serviceId: number) => (await pool().query<{ id: number }>(
    `INSERT INTO probe_check (service_id, name, kind, url) VALUES ($1, 'health', 'http', 'http://127.0.0.1:1/') RETURNING id`, [serviceId])).rows[0]!.id
  await upsertProbeRollups(script(await check(burning)))
  const clean = script(await check(quiet)).map((r) => ({ ...r, ok: r.ok.map((o, i) => o + r.fail[i]!), fail: r.fail.map(() => 0) }))
  await upsertProbeRollups(clean)
  // every minute of the script, and each one twice (a rerun, as after a worker restart, changes nothing)
  for (let t = 0; t <= END; t++) {
    for (let run = 0; run < 2; run++) events.push(...await evaluateBurnAlerts(new Date(T0 + t * M + 1_500), { serviceIds: [burning, quiet] }))
  }
}, 120_000)

describe('SLO burn-rate alerts over a scripted burn', () => {
  it('opens and resolves exactly the workbook\'s alerts, at the minutes worked by hand', async () => {
    const rows = await listSloAlerts(pool(), [burning, quiet])
    expect(rows.map((r) => ({ service: r.serviceId, rule: r.rule, opened: (r.openedAt.getTime() - T0) / M, resolved: r.resolvedAt && (r.resolvedAt.getTime() - T0) / M })))
      .toEqual(expected.map((e) => ({ service: burning, ...e })))
  })

  it('reports each opening and each resolution once, at its minute', () => {
    const seen = events.map((e) => [e.change, e.rule, (e.at.getTime() - T0) / M, e.serviceId === burning])
    expect(seen).toEqual([
      ['opened', 'ticket_3d', 362, true], ['opened', 'page_1h', 363, true], ['opened', 'page_6h', 368, true],
      ['resolved', 'page_1h', 375, true], ['resolved', 'page_6h', 400, true], ['resolved', 'ticket_3d', 729, true],
    ])
    const opened = events.find((e) => e.rule === 'page_1h' && e.change === 'opened')!
    // at 363: 9 bad of 600 over the hour (15x), 9 of 50 over 5 minutes (180x)
    expect(opened.burnRates!.long).toBeCloseTo(15, 9)
    expect(opened.burnRates!.short).toBeCloseTo(180, 9)
  })

  it('an evaluation of an earlier minute, run late, reopens nothing', async () => {
    expect(await evaluateBurnAlerts(new Date(T0 + 370 * M), { serviceIds: [burning] })).toEqual([])
    expect((await listSloAlerts(pool(), [burning])).length).toBe(3)
  })
})

describe('a service whose SLO uses requests', () => {
  it('is judged on its request windows: an hour of 1-minute windows, the last 5 with 20 % failing, pages at once', async () => {
    const { teamId } = await seedTeamWithToken(process.env.DATABASE_URL!, 'burn-requests')
    const service = async (indicator: string | null) => (await pool().query<{ id: number }>(
      'INSERT INTO service (team_id, slug, name, slo_target, slo_indicator) VALUES ($1, $2, $2, 99.9, $3) RETURNING id',
      [teamId, uniqueSlug('req'), indicator])).rows[0]!.id
    const auto = await service(null) // requests once any are recorded
    const probesOnly = await service('probes') // the same requests, but its SLO reads probes (none here: no data)
    for (const id of [auto, probesOnly]) {
      await pool().query(`INSERT INTO request_window (service_id, from_at, to_at, good, total)
        SELECT $1, $2::timestamptz + m * interval '1 minute', $2::timestamptz + (m + 1) * interval '1 minute',
          CASE WHEN m >= 55 THEN 800 ELSE 1000 END, 1000
        FROM generate_series(0, 59) AS m`, [id, new Date(T0)])
    }
    // at minute 60: 1 000 failed of 60 000 over the hour (16.7x), 1 000 of 5 000 over 5 minutes (200x)
    const at = new Date(T0 + 60 * M)
    const opened = await evaluateBurnAlerts(at, { serviceIds: [auto, probesOnly] })
    expect(opened.map((e) => [e.serviceId, e.rule])).toEqual([[auto, 'page_1h'], [auto, 'page_6h'], [auto, 'ticket_3d']])
    expect(opened[0]!.burnRates!.long).toBeCloseTo(1000 / 60_000 / 0.001, 9)
    // 5 minutes later without new windows: the 5-minute window has no data, so page_1h resolves
    const later = await evaluateBurnAlerts(new Date(at.getTime() + 5 * M), { serviceIds: [auto, probesOnly] })
    expect(later.map((e) => [e.change, e.rule])).toEqual([['resolved', 'page_1h']])
  })
})
