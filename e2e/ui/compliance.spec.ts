import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { auth, unique } from '../support/api'

const fixture = (file: string) => readFileSync(path.resolve('lib/compliance/fixtures', file))

// Uploads an OpenSCAP ARF and two Trivy scans of one image (the second a re-scan) through the API, then reads them on the pages.
test('the compliance pages show a service\'s score, failing rules and open vulnerabilities', async ({ page, request }) => {
  const service = unique('ui-compliance')
  const post = (body: Buffer, query: Record<string, string>, headers: Record<string, string> = {}) =>
    request.post(`/api/v1/scans?${new URLSearchParams({ service, environment: 'production', ...query })}`, { headers: { ...auth(), ...headers }, data: body })
  const arf = await post(fixture('openscap/standard-deb12/arf.xml.gz'), {}, { 'content-encoding': 'gzip', 'content-type': 'application/xml' })
  expect(arf.status()).toBe(201)
  const trivy = JSON.parse(fixture('scanners/trivy/debian-buster.json').toString())
  const now = Date.now()
  // two days apart, so the daily trend has two points; the same digest: the second is a re-scan
  for (const [i, ago] of [2 * 86_400_000, 3_600_000].entries()) {
    const res = await post(Buffer.from(JSON.stringify({ ...trivy, CreatedAt: new Date(now - ago).toISOString(), Trivy: { Version: `0.5${i}.0` } })), { digest: `sha256:${'a'.repeat(64)}` }, { 'content-type': 'application/json' })
    expect(res.status()).toBe(201)
  }

  // the image's deployment, reported after its scans: the scans table links it by digest
  const deployed = await request.post('/api/v1/deployments', { headers: auth(), data: { id: `${service}-1`, service, environment: 'production', status: 'success', version: `registry.example/app@sha256:${'a'.repeat(64)}` } })
  expect(deployed.status()).toBe(201)

  await page.goto('/compliance')
  await expect(page.getByRole('heading', { name: 'Compliance', exact: true })).toBeVisible()
  const row = page.getByTestId('compliance-services').getByRole('row', { name: new RegExp(service) })
  await expect(row).toBeVisible()
  // S = sqrt(C x V) = sqrt(94.44 x 66.39); grade E (a fixable critical)
  await expect(page.getByTestId(`score-${service}`)).toHaveText('79.2 / 100')
  await expect(row.getByLabel('grade E')).toBeVisible()
  await expect(page.getByTestId('chart-compliance-trend').locator('path.recharts-line-curve').first()).toBeVisible()

  // the image production runs now: its scan's 2 findings, 1 critical; the row links to them
  const running = page.getByTestId('running-images').locator(`tr[data-service="${service}"]`)
  await expect(running).toHaveAttribute('data-status', 'vulnerable')
  await expect(running.getByRole('cell').nth(4)).toHaveText('1')
  await expect(page.getByTestId('running-summary')).toContainText('running in production')
  await running.getByRole('link', { name: service }).click()
  await expect(page).toHaveURL(new RegExp(`/compliance/${service}#running-image$`))
  await expect(page.getByTestId('production-image')).toContainText('2 open findings (1 critical')
  await expect(page.getByTestId('running-image-findings').getByRole('row')).toHaveCount(3)
  await page.goBack()

  await row.getByRole('link', { name: service }).click()
  await expect(page.getByRole('heading', { name: new RegExp(`${service}.*compliance`) })).toBeVisible()
  await expect(page.getByTestId('service-score')).toContainText('79.2')
  await expect(page.getByTestId('chart-score-history').locator('path.recharts-line-curve').first()).toBeVisible()
  await expect(page.getByTestId('failing-rules')).toContainText('System.map')
  await expect(page.getByTestId('recent-scans').getByRole('row').nth(1)).toContainText(`${service}-1 → production`)
  await expect(page.getByTestId('recent-scans').getByRole('row').nth(1)).toContainText('(by digest)')
  const vulns = page.getByTestId('open-vulnerabilities').getByRole('row')
  // header + 2 findings, the fixable critical first
  await expect(vulns).toHaveCount(3)
  await expect(vulns.nth(1)).toContainText('CVE-2019-18224')
  await expect(vulns.nth(1)).toContainText('critical')
  await expect(vulns.nth(2)).toContainText('no fix')
  await page.screenshot({ path: 'test-results/compliance-service.png', fullPage: true })
})

test('the overview\'s compliance card shows S once a service is scanned', async ({ page, request }) => {
  const service = unique('ui-compliance-card')
  // scanned an hour ago (the report's own time is 2021): in the overview's range
  const scannedAt = new Date(Date.now() - 3_600_000).toISOString()
  const res = await request.post(`/api/v1/scans?${new URLSearchParams({ service, scannedAt })}`, { headers: { ...auth(), 'content-type': 'application/json' }, data: fixture('scanners/trivy/alpine-310.json') })
  expect(res.status()).toBe(201)
  await page.goto('/')
  await expect(page.getByTestId('value-compliance')).toHaveText(/^\d+\.\d \/ 100$/)
  // coverage first: of every service in scope, how many were scanned in the range
  await expect(page.getByTestId('compliance-coverage')).toHaveText(/^\d+ of \d+ services scanned in this range$/)
  await expect(page.getByTestId('compliance-components')).toContainText('V ')
  await expect(page.getByTestId('change-compliance')).toBeVisible()

  // the number opens the metric page: filter bar, series, breakdown, and the scans behind each service's S
  await page.getByTestId('card-compliance').getByRole('link', { name: 'Compliance score' }).click()
  await expect(page).toHaveURL(/\/metrics\/compliance/)
  await expect(page.locator('h1')).toHaveText('Compliance score')
  await expect(page.getByLabel('Range')).toBeVisible()
  await expect(page.getByTestId('chart-compliance').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible()
  const serviceRow = page.getByTestId('breakdown-service').locator(`tr[data-slug="${service}"]`)
  await expect(serviceRow).toContainText('71.4 / 100')
  await serviceRow.getByTestId(`scans-${service}`).click()
  await expect(page).toHaveURL(new RegExp(`/compliance/${service}#latest-scans$`))
  await expect(page.getByTestId('recent-scans').getByRole('row')).toHaveCount(2)
})

test('a service page shows the controls matrix of its posture scan and the score\'s coverage', async ({ page, request }) => {
  const service = unique('ui-posture')
  const post = (file: string) => request.post(`/api/v1/scans?service=${service}`, { headers: { ...auth(), 'content-type': 'application/json' }, data: fixture(file) })
  expect((await post('posture/kubescape/manifest-scan-nginx.json')).status()).toBe(201)
  expect((await post('scanners/trivy/alpine-310.json')).status()).toBe(201)
  await page.goto(`/compliance/${service}`)
  await expect(page.getByTestId('score-coverage')).toHaveText('vulnerabilities and posture scanned, configuration not')
  const matrix = page.getByTestId('controls-matrix')
  const nginx = matrix.getByRole('row', { name: /Deployment\/nginx-deployment/ })
  await expect(nginx).toBeVisible()
  // 12 controls: network policy and SELinux/AppArmor fail, seccomp and allowed registry not checked
  await expect(nginx.getByRole('cell')).toHaveCount(12)
  await expect(nginx.getByRole('cell', { name: 'fail' })).toHaveCount(2)
  await expect(nginx.getByRole('cell', { name: 'not checked' })).toHaveCount(2)
  await expect(page.getByTestId('errata-open')).toContainText('0 over 7 days')
})
