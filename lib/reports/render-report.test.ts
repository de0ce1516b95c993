import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buffer } from 'node:stream/consumers'
import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { renderCsv } from '@/lib/reports/render-csv'
import { renderPdf } from '@/lib/reports/pdf/render-pdf'
import { sampleReport } from '@/lib/reports/testing/sample-report'

const { report } = sampleReport()

describe('renderCsv', () => {
  test('one row per metric x month x service, with a unit column, parsed by a real CSV parser', async () => {
    const rows = parse(await buffer(renderCsv(report)), { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual(['period', 'month', 'team', 'service', 'metric', 'unit', 'value', 'sample_size', 'level'])
    expect(rows).toHaveLength(3 * 2 * 11)
    const deployments = rows.filter((r) => r.metric === 'deployments').reduce((sum, r) => sum + Number(r.value), 0)
    expect(deployments).toBe(90)
    expect(rows.find((r) => r.service === 'web' && r.metric === 'lead_time_median')!.value).toBe('')
    const api = rows.filter((r) => r.service === 'api' && r.month === rows[0]!.month)
    const of = (metric: string) => api.find((r) => r.metric === metric)!
    expect(of('failed_deployment_recovery_time_median')).toMatchObject({ unit: 'seconds', value: '3600', sample_size: '3', level: 'high' })
    expect(of('rework_rate')).toMatchObject({ unit: 'ratio', value: String(1 / 31), sample_size: '31', level: '' })
    expect(of('rework_deployments')).toMatchObject({ unit: 'count', value: '1' })
    expect(of('availability')).toMatchObject({ unit: 'ratio', value: '0.999' })
    expect(of('change_failure_rate').level).toBe('high')
  })
})

describe('renderPdf', () => {
  const hasPoppler = existsSync('/usr/bin/pdftotext')
  test.each(['a4', 'letter'] as const)('%s: a PDF with the embedded font, page numbers and every headline', async (paper) => {
    const pdf = await buffer(renderPdf(report, paper))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    if (!hasPoppler) return
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'))
    writeFileSync(path.join(dir, 'r.pdf'), pdf)
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1])
    expect(pages).toBeGreaterThanOrEqual(3)
    expect(text).toContain(`Page ${pages} of ${pages}`)
    expect(text).toContain('Team core · 2026 Q2 · generated 2026-07-01T00:00:00.000Z')
    expect(text).toMatch(/deploymentFrequency\s+1\s+per_day\s+91/)
    expect(text).toMatch(/changeFailureRate\s+0\.0978260869565\s+ratio\s+92/)
    // the services tables: recovery time (recovered/unrecovered), rework rate and availability per service
    expect(text).toMatch(/api\s+9\.8\s*%\s+\(92\)\s+—\s+\(0\)\s+2(\.0)?\s*h\s+\(8\/1\)\s+4\.3\s*%\s+\(92\)/)
    expect(text).toContain('Recovery (n/open)')
    expect(execFileSync('pdffonts', [path.join(dir, 'r.pdf')], { encoding: 'utf8' })).toMatch(/Inter-Bold\s+CID TrueType\s+Identity-H\s+yes yes/)
    const size = execFileSync('pdfinfo', [path.join(dir, 'r.pdf')], { encoding: 'utf8' })
    expect(size).toContain(paper === 'a4' ? '595.28 x 841.89' : '612 x 792')
    // rendering and four poppler runs: 3-4 s alone, over the 5 s default beside other test files
  }, 30_000)
})

describe('renderPdf: deployment strategies (issue 22)', () => {
  test.skipIf(!existsSync('/usr/bin/pdftotext'))('a table of the strategies; below the minimum sample it says so', async () => {
    const figures = (strategy: string, deployments: number, enough: boolean) => ({
      strategy, deployments, notEnoughData: enough ? null : `not enough data: ${deployments} of the 5 finished deployments needed`,
      changeFailureRate: { value: enough ? 0.25 : null, failures: 2, interval: enough ? { low: 0.0709, high: 0.5909 } : null },
      blastRadius: { median: enough ? 17.5 : null, known: 2 }, recoveryTime: { median: enough ? 600 : null, recovered: 2, unrecovered: 0 },
      startToReady: { median: null, p90: null, count: 0 }, leadTime: { median: enough ? 3600 : null, changes: 4 },
      reworkRate: { value: enough ? 0 : null, unplanned: 0 }, downtime: { measured: 0, zeroDowntime: 0, zeroDowntimeRate: null, totalSeconds: null },
    })
    const pdf = await buffer(renderPdf({ ...report, strategies: [figures('canary', 8, true), figures('blue_green', 3, false), figures('other', 0, false)] }))
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'))
    writeFileSync(path.join(dir, 'r.pdf'), pdf)
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('Deployment strategies')
    expect(text).toMatch(/canary\s+8\s+25\.0% \(7\.1%-59\.1%\)\s+17\.5 %\s+10 min\s+1\s?h\s+no data\s+no data/)
    expect(text).toMatch(/blue\/green\s+3\s+not enough data\s+—\s+—\s+—\s+no data\s+no data/)
    expect(text).not.toMatch(/^\s*other\s+0/m)
  })
})
