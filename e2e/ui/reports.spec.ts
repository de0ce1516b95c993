import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { expect, test } from '@playwright/test'
import { startDemoServer, type DemoServer } from '../support/demo-server'

// Quarterly reports of the demo organisation, read back as a person would: the PDF's text (pdftotext)
// holds every headline of the metrics API for the same scope and quarter, the CSV parsed with a real
// parser sums to the API's totals, and /reports builds, lists and serves a report. The PDF's pages are
// rendered (pdftoppm) to e2e/screenshots/ for review.
const now = new Date('2026-10-15T00:00:00Z')
const quarter = { year: '2026', quarter: '3' }
const window = { from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }
const SCREENSHOTS = path.join(process.cwd(), 'e2e', 'screenshots')
let demo: DemoServer

test.describe.configure({ mode: 'serial', timeout: 180_000 })
test.beforeAll(async () => {
  test.setTimeout(240_000)
  demo = await startDemoServer(Number(process.env.E2E_PORT ?? 3100) + 2, now)
})
test.afterAll(async () => demo?.stop())

const auth = () => ({ Authorization: `Bearer ${demo.token}` })
const apiMetrics = async (request: import('@playwright/test').APIRequestContext) => {
  const res = await request.get(`${demo.baseURL}/api/v1/metrics`, { headers: auth(), params: { ...window, granularity: 'month' } })
  expect(res.status()).toBe(200)
  return (await res.json()).metrics as Record<string, { headline: { value: number | null; unit: string }; sampleSize: number; summary: Record<string, number> }>
}

test('the PDF states every headline of the metrics API for the team and quarter', async ({ request }) => {
  const res = await request.get(`${demo.baseURL}/api/v1/reports/quarterly`, { headers: auth(), params: { ...quarter, format: 'pdf' }, timeout: 120_000 })
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('application/pdf')
  const dir = mkdtempSync(path.join(tmpdir(), 'report-e2e-'))
  const file = path.join(dir, 'report.pdf')
  writeFileSync(file, await res.body())
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  const metrics = await apiMetrics(request)
  for (const [name, m] of Object.entries(metrics)) {
    const line = new RegExp(`^\\s*${name}\\s+(\\S+)\\s+${m.headline.unit}\\s+(\\d+)`, 'm').exec(text)
    expect(line, `${name} in the PDF`).not.toBeNull()
    if (m.headline.value === null) expect(line![1]).toBe('none')
    else expect(Number(line![1]), name).toBeCloseTo(m.headline.value, 9)
    expect(Number(line![2]), `${name} sample size`).toBe(m.sampleSize)
  }
  const pages = Number(/Page 1 of (\d+)/.exec(text)![1])
  expect(text).toContain(`Page ${pages} of ${pages}`)
  expect(text).toContain(`Team ${demo.team} · 2026 Q3 · generated`)
  // every page as a PNG for review
  mkdirSync(SCREENSHOTS, { recursive: true })
  execFileSync('pdftoppm', ['-r', '80', '-png', file, path.join(dir, 'page')])
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort()
  expect(pngs).toHaveLength(pages)
  pngs.forEach((f, i) => renameSync(path.join(dir, f), path.join(SCREENSHOTS, `report-team-page-${i + 1}.png`)))
})

test('the CSV parses with a real CSV parser and sums to the API totals', async ({ request }) => {
  const res = await request.get(`${demo.baseURL}/api/v1/reports/quarterly`, { headers: auth(), params: { ...quarter, format: 'csv' }, timeout: 120_000 })
  expect(res.status()).toBe(200)
  const rows = parse(await res.body(), { columns: true }) as Record<string, string>[]
  expect(Object.keys(rows[0]!)).toEqual(['period', 'month', 'team', 'service', 'metric', 'unit', 'value', 'sample_size', 'level'])
  expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2026-07', '2026-08', '2026-09']))
  const sum = (metric: string, col: 'value' | 'sample_size') => rows.filter((r) => r.metric === metric).reduce((n, r) => n + Number(r[col]), 0)
  const m = await apiMetrics(request)
  expect(sum('deployments', 'value')).toBe(m.deploymentFrequency!.summary.count)
  expect(sum('change_failures', 'value')).toBe(m.changeFailureRate!.summary.failures)
  expect(sum('change_failure_rate', 'sample_size')).toBe(m.changeFailureRate!.sampleSize)
  expect(sum('lead_time_median', 'sample_size')).toBe(m.leadTime!.sampleSize)
  expect(sum('time_to_restore_median', 'sample_size')).toBe(m.timeToRestore!.sampleSize)
  expect(sum('failed_deployment_recovery_time_median', 'sample_size')).toBe(m.failedDeploymentRecoveryTime!.sampleSize)
  expect(sum('unrecovered_change_failures', 'value')).toBe(m.failedDeploymentRecoveryTime!.summary.unrecovered)
  expect(sum('rework_deployments', 'value')).toBe(m.reworkRate!.summary.unplanned)
  expect(sum('rework_rate', 'sample_size')).toBe(m.reworkRate!.sampleSize)
  expect(m.deploymentFrequency!.summary.count).toBeGreaterThan(0)
  expect(m.reworkRate!.summary.unplanned).toBeGreaterThan(0)
  expect(m.failedDeploymentRecoveryTime!.sampleSize).toBeGreaterThan(0)
})

test('/reports builds an organisation report with progress, lists it and serves the stored bytes', async ({ page }) => {
  await page.goto(`${demo.baseURL}/reports`)
  await page.getByLabel('Year').fill('2026')
  await page.getByRole('combobox', { name: /^Quarter/ }).selectOption('3')
  await page.getByRole('button', { name: 'Build now' }).click()
  await expect(page.getByLabel('Rendering the report')).toBeVisible()
  const built = page.getByTestId('built')
  await expect(built).toContainText('Organisation, 2026 Q3 (PDF', { timeout: 120_000 })
  const sha = (await built.locator('code').textContent())!.trim()
  await expect(page.getByTestId('report-history').locator('tbody tr').first()).toContainText('Organisation')
  await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-page.png'), fullPage: true })
  const href = (await built.getByRole('link').getAttribute('href'))!
  // the page's own session (the demo viewer): the dashboard's routes serve signed-in people only
  const file = await page.request.get(`${demo.baseURL}${href}`)
  expect(file.headers()['x-content-sha256']).toBe(sha)
  const { createHash } = await import('node:crypto')
  const bytes = await file.body()
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha)
  // the file handed on, checked on /reports: hashed in the browser, named as the stored report; one changed byte is not
  await page.getByLabel('Report file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: bytes })
  await expect(page.getByTestId('verify-result')).toContainText('Genuine: report')
  await expect(page.getByLabel('or its SHA-256')).toHaveValue(sha)
  const changed = Buffer.from(bytes)
  changed.writeUInt8(changed.readUInt8(changed.length - 2) ^ 1, changed.length - 2)
  await page.getByLabel('Report file').setInputFiles({ name: 'changed.pdf', mimeType: 'application/pdf', buffer: changed })
  await expect(page.getByTestId('verify-result')).toContainText('No stored report has SHA-256')
})

test('/reports builds a report for any dates', async ({ page }) => {
  await page.goto(`${demo.baseURL}/reports`)
  await page.getByLabel('Period').selectOption('range')
  await page.getByLabel('From').fill('2026-08-01')
  await page.getByLabel('Through').fill('2026-08-31')
  await page.getByLabel('Format').selectOption('csv')
  await page.getByRole('button', { name: 'Build now' }).click()
  await expect(page.getByTestId('built')).toContainText('Organisation, 2026-08-01 to 2026-08-31 (CSV', { timeout: 120_000 })
})
