import { describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { parseOverviewParams } from '@/lib/dashboard/overview-params'
import { SCORECARD_METRICS, serviceScorecard, teamScorecard, type ScorecardRow } from '@/lib/dashboard/scorecard'
import { scorecardCsvColumns, scorecardCsvRows } from '@/lib/dashboard/scorecard-csv'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { metricsQuery } from '@/lib/validation/metrics'
import { buildScenario } from '@/lib/testing/metric-scenario'
import { csvStringifier } from '@/lib/format/csv'
import { pool } from '@/lib/db'

// The /teams grid and a team page's services grid on PostgreSQL: every cell is what GET /api/v1/metrics
// answers for that team or service over the same window, and its CSV carries the same numbers.
const now = new Date('2026-04-15T00:00:00Z')
const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }
const params = () => {
  const parsed = parseOverviewParams({ range: 'custom', from: '2026-03-01', to: '2026-03-30' }, now)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.params
}
const day = (d: number, h = 12) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`

async function scenario() {
  // busy: 8 deployments in the window (2 failed), lone: one deployment, nothing else
  const busy = Array.from({ length: 8 }, (_, i) => ({
    service: 'busy', id: `b${i}`, at: day(i + 2), status: (i % 4 === 3 ? 'failure' : 'success') as 'failure' | 'success',
    commits: [{ sha: `b${i}`.padEnd(40, '0'), committedAt: day(i + 2, 2) }],
  }))
  return buildScenario(process.env.DATABASE_URL!, [...busy, { service: 'lone', id: 'l1', at: day(10), commits: [{ sha: 'c'.repeat(40), committedAt: day(9) }] }])
}

const cells = (r: ScorecardRow) => Object.fromEntries(SCORECARD_METRICS.map((m) => [m, r.metrics[m]]))
const api = async (s: Awaited<ReturnType<typeof scenario>>, q: Record<string, string>) =>
  getMetricsReport(s.caller, metricsQuery.parse({ ...window, ...q }), now).then((r) => Object.fromEntries(SCORECARD_METRICS.map((m) => [m, r.metrics[m]])))

describe('scorecard', () => {
  it('gives each team row exactly the metrics API answer for that team, and the organisation row the whole', async () => {
    const s = await scenario()
    const options = await listFilterOptions([s.caller.teamId])
    const { total, rows } = await teamScorecard(params(), options, now)
    expect(rows.map((r) => r.key)).toEqual([s.team])
    expect(cells(rows[0]!)).toEqual(await api(s, { team: s.team }))
    // a reader of this team only: the organisation is that team
    expect(cells(total)).toEqual(cells(rows[0]!))
    expect(rows[0]!.compliance).toEqual({ score: null, scanned: 0, services: 2, unscanned: [s.services.busy, s.services.lone].sort() })
    // the compliance cell is the report's compliance metric, as the API gives it
    const { compliance } = await getMetricsReport(s.caller, metricsQuery.parse({ ...window, team: s.team }), now)
    const { scanned, services, unscanned } = compliance.coverage
    expect(rows[0]!.compliance).toEqual({ score: compliance.headline, scanned, services, unscanned })
  })

  it('lists a team\'s services like GET /api/v1/metrics?service=, the lone deployment without a level', async () => {
    const s = await scenario()
    const options = await listFilterOptions([s.caller.teamId])
    const { total, rows } = await serviceScorecard(params(), options.teams[0]!, options, now)
    expect(cells(total)).toEqual(await api(s, { team: s.team }))
    for (const r of rows) expect(cells(r)).toEqual(await api(s, { service: r.key }))
    const lone = rows.find((r) => r.key === s.services.lone)!
    expect(lone.metrics.changeFailureRate).toMatchObject({ headline: { value: 0 }, level: null, levelReason: 'not enough data: 1 of the 5 finished deployments needed' })
    expect(lone.metrics.availability.headline.value).toBeNull()
    // worst first: busy (2 of 8 failed) has levels, lone none, so lone comes last
    expect(rows.map((r) => r.key)).toEqual([s.services.busy, s.services.lone])
  })

  it('shows each row its goals against its own values: met, at risk, missed, no data', async () => {
    const s = await scenario()
    const goal = (service: string | null, metric: string, target: number) => pool().query(
      'INSERT INTO goal (team_id, service_id, metric, target) SELECT $1, (SELECT id FROM service WHERE team_id = $1 AND slug = $2), $3, $4',
      [s.caller.teamId, service, metric, target])
    // the team: 2 failures of 9 deployments (22 %), median lead time 10 h; nothing probed, nothing scanned
    await goal(null, 'changeFailureRate', 0.3)
    await goal(null, 'leadTime', 10 * 3600)
    await goal(null, 'availability', 0.9995)
    await goal(null, 'compliance', 80)
    // busy: 2 of 8 failed (25 %)
    await goal(s.services.busy!, 'changeFailureRate', 0.2)
    const options = await listFilterOptions([s.caller.teamId])
    const teams = await teamScorecard(params(), options, now)
    const statuses = (r: ScorecardRow) => r.goals.map((g) => [g.metric, g.status])
    expect(statuses(teams.rows[0]!)).toEqual([
      ['availability', 'no_data'], ['changeFailureRate', 'met'], ['compliance', 'no_data'], ['leadTime', 'at_risk'],
    ])
    expect(teams.total.goals).toEqual([]) // the organisation has no goals
    const services = await serviceScorecard(params(), options.teams[0]!, options, now)
    expect(statuses(services.total)).toEqual(statuses(teams.rows[0]!))
    expect(statuses(services.rows.find((r) => r.key === s.services.busy)!)).toEqual([['changeFailureRate', 'missed']])
    expect(services.rows.find((r) => r.key === s.services.lone)!.goals).toEqual([])
  })

  it('writes the same numbers as CSV', async () => {
    const s = await scenario()
    const options = await listFilterOptions([s.caller.teamId])
    const { total, rows } = await teamScorecard(params(), options, now)
    const text = await new Promise<string>((resolve, reject) => {
      let out = ''
      const w = csvStringifier({ header: true, columns: [...scorecardCsvColumns] })
      w.on('data', (c: Buffer) => (out += c)).on('end', () => resolve(out)).on('error', reject)
      for (const row of scorecardCsvRows([total, ...rows])) w.write(row)
      w.end()
    })
    const records = parse(text, { columns: true }) as Record<string, string>[]
    const report = await api(s, { team: s.team })
    const team = records.filter((r) => r.row === s.team)
    expect(team.map((r) => r.metric)).toEqual([...SCORECARD_METRICS, 'compliance'])
    for (const r of team.slice(0, -1)) {
      const m = report[r.metric as (typeof SCORECARD_METRICS)[number]]!
      expect([r.value, r.level, r.sample_size]).toEqual([m.headline.value === null ? '' : String(m.headline.value), m.level ?? '', String(m.sampleSize)])
    }
  })
})
