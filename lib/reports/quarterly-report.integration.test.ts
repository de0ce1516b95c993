import { createHash } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET } from '@/app/api/v1/reports/quarterly/route'
import { pool } from '@/lib/db'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { generateQuarterEndReports } from '@/lib/reports/quarter-end-reports'
import { metricNames } from '@/lib/metrics/definitions'
import { buildScenario, type Scenario } from '@/lib/testing/metric-scenario'
import { metricsQuery } from '@/lib/validation/metrics'
import { uploadScan } from '@/lib/compliance/testing/upload-scan'
import { readFileSync } from 'node:fs'
import path from 'node:path'

// The report through its API route against a real database: its numbers are the metrics API's.
const url = process.env.DATABASE_URL!
let s: Scenario

const at = (day: string, hour = 12) => `2026-${day}T${String(hour).padStart(2, '0')}:00:00Z`
beforeAll(async () => {
  s = await buildScenario(url, [
    { service: 'api', id: 'q4', at: '2025-12-10T00:00:00Z', commits: [{ sha: 'a000000', committedAt: '2025-12-09T00:00:00Z' }] },
    { service: 'api', id: 'a1', at: at('01-05'), version: 'v1', commits: [{ sha: 'a000001', committedAt: at('01-04') }] },
    { service: 'api', id: 'a2', at: at('02-10'), version: 'v2', commits: [{ sha: 'a000002', committedAt: at('02-10', 2) }] },
    { service: 'api', id: 'a3', at: at('02-11'), version: 'v1' },
    { service: 'api', id: 'a4', at: at('03-20'), status: 'failure', version: 'v3' },
    { service: 'web', id: 'w1', at: at('03-02'), commits: [{ sha: 'b000001', committedAt: at('03-01') }] },
    { service: 'web', id: 'w2', at: at('03-30'), commits: [{ sha: 'b000002', committedAt: at('03-30', 6) }] },
  ], [
    { service: 'web', id: 'INC-1', openedAt: at('03-30', 13), resolvedAt: at('03-30', 17), outage: true },
    { service: 'api', id: 'INC-2', openedAt: at('02-12'), resolvedAt: at('02-13') },
  ])
}, 120_000)

const get = (params: Record<string, string>) =>
  GET(new Request(`http://test/api/v1/reports/quarterly?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${s.token}` } }), { params: Promise.resolve({}) })

describe('GET /api/v1/reports/quarterly', () => {
  it('a past quarter built today shows that quarter\'s compliance, not today\'s', async () => {
    const scan = (file: string) => readFileSync(path.join(process.cwd(), 'lib/compliance/fixtures/scanners/trivy', file))
    // V 71.43 (grade C) in the quarter; V 66.39 (grade E) after it
    expect((await uploadScan(s.token, scan('alpine-310.json'), { service: s.services.web!, scannedAt: '2026-02-01T00:00:00Z' })).status).toBe(201)
    expect((await uploadScan(s.token, scan('debian-buster.json'), { service: s.services.web!, scannedAt: '2026-05-01T00:00:00Z' })).status).toBe(201)
    const body = await (await get({ year: '2026', quarter: '1', format: 'json' })).json()
    const web = body.report.compliance.services.find((r: { service: string }) => r.service === s.services.web)
    expect(web.s).toBeCloseTo(71.43, 2)
    expect(web.grade).toBe('C')
    const q2 = await (await get({ year: '2026', quarter: '2', format: 'json' })).json()
    expect(q2.report.compliance.services.find((r: { service: string }) => r.service === s.services.web).s).toBeCloseTo(66.39, 2)
  })

  it('JSON: the metrics API shape and numbers for the quarter, change against the previous quarter', async () => {
    const res = await get({ year: '2026', quarter: '1', format: 'json' })
    expect(res.status).toBe(200)
    const body = await res.json()
    const api = await getMetricsReport(s.caller, metricsQuery.parse({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', granularity: 'month' }))
    for (const name of metricNames) {
      expect(body.metrics[name].headline, name).toEqual(api.metrics[name].headline)
      expect(body.metrics[name].sampleSize, name).toBe(api.metrics[name].sampleSize)
      expect(body.metrics[name].level, name).toBe(api.metrics[name].level)
    }
    expect(body.metrics.deploymentFrequency.summary.count).toBe(5)
    expect(body.metrics.deploymentFrequency.change.previous).toBeCloseTo(1 / 92, 12) // 2025 Q4: 1 deployment in 92 days
    expect(body.report.period).toMatchObject({ label: '2026 Q1', previous: { label: '2025 Q4' } })
    expect(body.report.incidents.map((i: { title: string; reason: string }) => [i.title, i.reason])).toEqual([['INC-2', 'longest restore'], ['INC-1', 'biggest outage']])
    expect(body.report.services.map((r: { service: string; deployments: number }) => [r.service, r.deployments])).toEqual([[s.services.api, 3], [s.services.web, 2]].sort())
  })

  it('JSON: every per-service figure (quarter and each month) is the metrics API\'s for that service and period', async () => {
    const body = await (await get({ year: '2026', quarter: '1', format: 'json' })).json()
    const periods = [
      { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', rows: body.report.services },
      ...body.report.months.map((m: { from: string; to: string; services: unknown[] }) => ({ from: m.from, to: m.to, rows: m.services })),
    ]
    expect(periods).toHaveLength(4)
    for (const p of periods) {
      for (const row of p.rows) {
        const api = (await getMetricsReport(s.caller, metricsQuery.parse({ from: p.from, to: p.to, service: row.service }))).metrics
        const label = `${row.service} ${p.from}`
        const cfr = row.changeFailureRate ?? (row.failures === 0 && row.finished === 0 ? null : row.failures / row.finished)
        expect([row.deployments, row.changes, row.finished, row.failures, row.incidents, row.recovered, row.unrecovered, row.unplanned], label).toEqual([
          api.deploymentFrequency.summary.count, api.leadTime.sampleSize, api.changeFailureRate.sampleSize, api.changeFailureRate.summary.failures,
          api.timeToRestore.sampleSize, api.failedDeploymentRecoveryTime.sampleSize, api.failedDeploymentRecoveryTime.summary.unrecovered, api.reworkRate.summary.unplanned,
        ])
        if (row.perDay !== undefined) expect(row.perDay, label).toBeCloseTo(api.deploymentFrequency.headline.value!, 12)
        expect([row.leadTimeMedian, cfr, row.restoreMedian, row.recoveryMedian, row.availability], label).toEqual([
          api.leadTime.headline.value, api.changeFailureRate.headline.value, api.timeToRestore.headline.value,
          api.failedDeploymentRecoveryTime.headline.value, api.availability.headline.value,
        ])
        if (row.levels) {
          expect(row.reworkRate, label).toBe(api.reworkRate.headline.value)
          expect(row.levels, label).toEqual({
            deploymentFrequency: api.deploymentFrequency.level, leadTime: api.leadTime.level, changeFailureRate: api.changeFailureRate.level,
            timeToRestore: api.timeToRestore.level, failedDeploymentRecoveryTime: api.failedDeploymentRecoveryTime.level,
          })
        }
      }
    }
    // the scenario exercises every column: a rollback (rework, a recovered failure), an unrecovered failure, an outage
    const apiRow = body.report.services.find((r: { service: string }) => r.service === s.services.api)
    expect(apiRow).toMatchObject({ unplanned: 1, recovered: 2, unrecovered: 1 })
    expect(apiRow.recoveryMedian).toBeGreaterThan(0)
    expect(body.report.services.find((r: { service: string }) => r.service === s.services.web).availability).toBeLessThan(1)
  })

  it('CSV: per metric x month x service rows that sum to the API totals; the report is stored with its SHA-256', async () => {
    const res = await get({ year: '2026', quarter: '1', format: 'csv', service: s.services.api! })
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await res.arrayBuffer())
    const rows = parse(bytes, { columns: true }) as Record<string, string>[]
    const sum = (metric: string, col: 'value' | 'sample_size') => rows.filter((r) => r.metric === metric).reduce((n, r) => n + Number(r[col]), 0)
    const api = await getMetricsReport(s.caller, metricsQuery.parse({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', service: s.services.api }))
    expect(sum('deployments', 'value')).toBe(api.metrics.deploymentFrequency.summary.count)
    expect(sum('change_failures', 'value')).toBe(api.metrics.changeFailureRate.summary.failures)
    expect(sum('change_failure_rate', 'sample_size')).toBe(api.metrics.changeFailureRate.sampleSize)
    expect(sum('lead_time_median', 'sample_size')).toBe(api.metrics.leadTime.sampleSize)
    expect(sum('time_to_restore_median', 'sample_size')).toBe(api.metrics.timeToRestore.sampleSize)
    expect(sum('failed_deployment_recovery_time_median', 'sample_size')).toBe(api.metrics.failedDeploymentRecoveryTime.sampleSize)
    expect(sum('unrecovered_change_failures', 'value')).toBe(api.metrics.failedDeploymentRecoveryTime.summary.unrecovered)
    expect(sum('rework_deployments', 'value')).toBe(api.metrics.reworkRate.summary.unplanned)
    expect(sum('rework_rate', 'sample_size')).toBe(api.metrics.reworkRate.sampleSize)
    const sha = createHash('sha256').update(bytes).digest('hex')
    let stored: { id: number; scope_kind: string; service: string; source: string; params: Record<string, unknown> } | undefined
    for (let i = 0; i < 50 && !stored; i++) {
      stored = (await pool().query('SELECT id, scope_kind, service, source, params FROM report WHERE sha256 = $1', [sha])).rows[0]
      if (!stored) await new Promise((r) => setTimeout(r, 50))
    }
    expect(stored).toMatchObject({ scope_kind: 'service', service: s.services.api, source: 'api', params: { year: 2026, quarter: 1, format: 'csv' } })
    await expect(pool().query('UPDATE report SET sha256 = $1 WHERE id = $2', ['0', stored!.id])).rejects.toThrow(/immutable/)
    await expect(pool().query('DELETE FROM report WHERE id = $1', [stored!.id])).rejects.toThrow(/immutable/)
  })

  it('PDF: streamed with a file name', async () => {
    const res = await get({ year: '2026', quarter: '1', format: 'pdf', paper: 'letter' })
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plimsoll-team-${s.team}-2026-q1.pdf"`)
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it.each([
    [{ year: '2026', quarter: '5' }, 'quarter'],
    [{ year: '2026' }, 'quarter'],
    [{ quarter: '1' }, 'year'],
    [{ year: '2026', quarter: '1', format: 'xlsx' }, 'format'],
    [{ from: '2026-01-01T00:00:00Z' }, 'to'],
    [{ year: '2026', quarter: '1', service: 'no-such-service' }, 'service'],
  ])('422 names the bad field: %o', async (params, field) => {
    const res = await get(params)
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.error.fields.map((f: { path: string }) => f.path)).toContain(field)
  })
})

describe('/reports: a range of dates, and verifying a report handed on', () => {
  it('a signed-in person builds an organisation report for any dates; its SHA-256 finds it again, other hashes find nothing', async () => {
    const dashboard = await import('@/app/api/dashboard/reports/route')
    const { signedInPerson, jsonRequest } = await import('@/lib/testing/signed-in-person')
    const viewer = await signedInPerson('viewer')
    const built = await dashboard.POST(jsonRequest('POST', '/api/dashboard/reports', viewer.cookie, { from: '2026-02-01T00:00:00Z', to: '2026-03-16T00:00:00Z', format: 'csv' }), { params: Promise.resolve({}) })
    expect(built.status).toBe(201)
    const { report } = await built.json()
    expect(report).toMatchObject({ scopeKind: 'org', periodLabel: '2026-02-01 to 2026-03-15', format: 'csv' })
    const lookUp = async (sha256: string) => dashboard.GET(jsonRequest('GET', `/api/dashboard/reports?sha256=${sha256}`, viewer.cookie), { params: Promise.resolve({}) })
    const found = await lookUp(report.sha256.toUpperCase())
    expect((await found.json()).reports.map((r: { id: number }) => r.id)).toEqual([report.id])
    expect((await (await lookUp('0'.repeat(64))).json()).reports).toEqual([])
    const bad = await lookUp('not-a-hash')
    expect(bad.status).toBe(422)
    expect((await bad.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(['sha256'])
  })

  it('a range report has the metrics API\'s numbers for that window', async () => {
    const window = { from: '2026-02-01T00:00:00Z', to: '2026-03-16T00:00:00Z' }
    const body = await (await get({ ...window, format: 'json' })).json()
    const api = await getMetricsReport(s.caller, metricsQuery.parse({ ...window, granularity: 'month' }))
    for (const name of metricNames) expect(body.metrics[name].headline, name).toEqual(api.metrics[name].headline)
  })
})

describe('quarter-end job', () => {
  it('stores the quarter just ended for the organisation and every team, once', async () => {
    const now = new Date('2026-04-01T00:30:00Z')
    // an e-mail channel of the team that receives reports (not sent here: the notice and its attachment are stored)
    await pool().query(`INSERT INTO notification_channel (team_id, kind, name, events, target, secret_enc)
      VALUES ($1, 'email', 'reports', '{report}', 'x', 'sealed')`, [s.caller.teamId])
    expect(await generateQuarterEndReports(now)).toBeGreaterThanOrEqual(2)
    expect(await generateQuarterEndReports(now)).toBe(0)
    const { rows } = await pool().query(`SELECT id, scope_kind, team, format, content FROM report
      WHERE source = 'schedule' AND period_label = '2026 Q1' AND (team IS NULL OR team = $1)`, [s.team])
    expect(rows.map((r) => [r.scope_kind, r.team, r.format]).sort()).toEqual([['org', null, 'pdf'], ['team', s.team, 'pdf']])
    // the team's report notice: once (the rerun adds nothing), linking to the file, with the PDF's exact bytes attached
    const report = rows.find((r) => r.team === s.team)!
    const notices = await pool().query(`SELECT n.key, n.payload, a.content,
        (SELECT count(*)::int FROM notification_delivery d WHERE d.notification_id = n.id) AS deliveries
      FROM notification n JOIN notification_attachment a ON a.notification_id = n.id WHERE n.team_id = $1 AND n.kind = 'report'`, [s.caller.teamId])
    expect(notices.rows.map((n) => [n.key, n.deliveries])).toEqual([[`report:${report.id}`, 1]])
    expect(notices.rows[0].payload.links[0].url).toMatch(new RegExp(`/api/dashboard/reports/${report.id}$`))
    expect(Buffer.compare(notices.rows[0].content, report.content)).toBe(0)
    // a PDF for every team in the suite's shared database, twice: minutes on a loaded 2-core machine
  }, 240_000)
})
