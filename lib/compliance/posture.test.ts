import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseScanStream, type ParsedScan } from '@/lib/compliance/parse-scan'
import { controlsMatrix, postureScore, type ControlCell } from '@/lib/compliance/posture-matrix'
import { CONTROLS, type ControlId } from '@/lib/compliance/posture-controls'
import type { PostureReport } from '@/lib/compliance/posture'
import { vulnerabilityExposure } from '@/lib/compliance/compliance-score'

const dir = path.join(import.meta.dirname, 'fixtures/posture')
async function parse(file: string | Buffer): Promise<ParsedScan> {
  const buf = typeof file === 'string' ? readFileSync(path.join(dir, file)) : file
  return (await parseScanStream((async function* () { yield new Uint8Array(buf) })())).scan
}
async function posture(file: string | Buffer): Promise<PostureReport> {
  const scan = await parse(file)
  if (scan.kind !== 'posture') throw new Error(`expected a posture scan, got ${scan.kind}`)
  return scan.report
}
const bySeverity = (r: PostureReport) => r.checks.reduce<Record<string, number>>((n, c) => ({ ...n, [c.severity ?? 'none']: (n[c.severity ?? 'none'] ?? 0) + 1 }), {})
const statuses = (r: PostureReport) => ({ pass: r.checks.filter((c) => c.status === 'pass').length, fail: r.checks.filter((c) => c.status === 'fail').length })

// the counts of fixtures/posture/README.md
describe('every posture fixture parses to its README counts', () => {
  it('trivy/helm-pod.json: 18 failures (3 high, 4 medium, 11 low), MisconfSummary 81/18', async () => {
    const r = await posture('trivy/helm-pod.json')
    expect(r).toMatchObject({ format: 'trivy', counts: { successes: 81, failures: 18 } })
    expect(statuses(r)).toEqual({ pass: 0, fail: 18 })
    expect(bySeverity(r)).toEqual({ high: 3, medium: 4, low: 11 })
    expect(r.checks.filter((c) => c.checkId === 'KSV-0118')).toHaveLength(2)
  })

  it('trivy/helm-testchart.json: 3 files, 6 failures in deployment.yaml (1 high, 3 medium, 2 low)', async () => {
    const r = await posture('trivy/helm-testchart.json')
    expect(r.counts).toEqual({ successes: 92 + 62 + 61, failures: 6 })
    expect(new Set(r.checks.map((c) => c.workload))).toEqual(new Set(['templates/deployment.yaml']))
    expect(bySeverity(r)).toEqual({ high: 1, medium: 3, low: 2 })
    expect(r.checks.map((c) => c.checkId).sort()).toEqual(['KSV-0001', 'KSV-0030', 'KSV-0104', 'KSV-0110', 'KSV-0117', 'KSV-0118'])
  })

  it('trivy/dockerfile.json: DS-0002 (high) failed, 26 successes', async () => {
    const r = await posture('trivy/dockerfile.json')
    expect(r.checks).toEqual([expect.objectContaining({ checkId: 'DS-0002', severity: 'high', status: 'fail', family: 'trivy:DS' })])
    expect(r.counts).toEqual({ successes: 26, failures: 1 })
  })

  it('trivy/k8s-cluster.docs-example.json: 1 vulnerability, and 2 misconfigurations of Deployment/default/app (KSV001 as KSV-0001)', async () => {
    const scan = await parse('trivy/k8s-cluster.docs-example.json')
    if (scan.kind !== 'vulnerability') throw new Error(scan.kind)
    expect(scan.report.findings.map((f) => f.vulnerabilityId)).toEqual(['CVE-2016-2781'])
    expect(scan.alsoPosture!.checks.map((c) => [c.workload, c.checkId, c.severity])).toEqual([
      ['Deployment/default/app', 'KSV-0001', 'medium'], ['Deployment/default/app', 'KSV-0003', 'low']])
    // the summary says 19 failures although the docs list 2
    expect(scan.alsoPosture!.counts).toEqual({ successes: 20, failures: 19 })
    expect(scan.alsoPosture!.target).toBe('minikube')
  })

  it('trivy/terraform-config.sarif: a posture scan of 8 failures (5 high, 1 medium, 2 low), all "other"', async () => {
    const r = await posture('trivy/terraform-config.sarif')
    expect(r.format).toBe('sarif')
    expect(bySeverity(r)).toEqual({ high: 5, medium: 1, low: 2 })
    expect(controlsMatrix(r)).toEqual([expect.objectContaining({ workload: 'main.tf', control: 'other', status: 'fail', severity: 'high' })])
  })

  it('kube-bench/cis-1.6-all-targets.json: Totals 37 pass / 36 fail / 49 warn, per node type', async () => {
    const r = await posture('kube-bench/cis-1.6-all-targets.json')
    expect(r.counts).toEqual({ pass: 37, fail: 36, warn: 49, info: 0 })
    expect(statuses(r)).toEqual({ pass: 37, fail: 36 })
    const of = (node: string) => statuses({ ...r, checks: r.checks.filter((c) => c.workload === node) })
    expect([of('master'), of('etcd'), of('node')]).toEqual([{ pass: 27, fail: 26 }, { pass: 7, fail: 0 }, { pass: 3, fail: 10 }])
  })

  it('kube-bench/kube-bench-repo-testdata-result.json: totals from Totals (49/12/14), not recounted from the 3 listed', async () => {
    const r = await posture('kube-bench/kube-bench-repo-testdata-result.json')
    expect(r.counts).toEqual({ pass: 49, fail: 12, warn: 14, info: 0 })
    expect(statuses(r)).toEqual({ pass: 2, fail: 0 })
  })

  it('kubescape/cluster-scan-k3d.trimmed.json: 14 resources, 50 failed and 56 passed control entries; summary counters of the full scan', async () => {
    const r = await posture('kubescape/cluster-scan-k3d.trimmed.json')
    expect(statuses(r)).toEqual({ pass: 56, fail: 50 })
    expect(new Set(r.checks.map((c) => c.workload)).size).toBe(14)
    expect(r.counts).toMatchObject({ passedResources: 206, failedResources: 19, skippedResources: 2 })
    const daemonSet = r.checks.filter((c) => c.workload.startsWith('DaemonSet/kube-system/svclb-traefik') && c.status === 'fail')
    expect(daemonSet).toHaveLength(16)
  })

  it('kubescape/manifest-scan-nginx.json: 1 resource, 15 passed and 3 failed (C-0030, C-0055, C-0260, medium)', async () => {
    const r = await posture('kubescape/manifest-scan-nginx.json')
    expect(statuses(r)).toEqual({ pass: 15, fail: 3 })
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => [c.checkId, c.severity]).sort()).toEqual([['C-0030', 'medium'], ['C-0055', 'medium'], ['C-0260', 'medium']])
    expect(new Set(r.checks.map((c) => c.workload))).toEqual(new Set(['Deployment/nginx-deployment']))
  })

  it('kics/helm-chart-and-terraform.json: 18 findings of 15 queries (high 5, medium 5, low 8)', async () => {
    const r = await posture('kics/helm-chart-and-terraform.json')
    expect(statuses(r)).toEqual({ pass: 0, fail: 18 })
    expect(bySeverity(r)).toEqual({ high: 5, medium: 5, low: 8 })
    expect(new Set(r.checks.map((c) => c.checkId)).size).toBe(15)
    expect(r.counts).toEqual({ high: 5, medium: 5, low: 8, info: 0, total: 18 })
  })

  it('checkov/terraform-and-dockerfile.trimmed.json: summaries 15 passed / 13 failed; 13 and 13 listed (2 passes trimmed)', async () => {
    const r = await posture('checkov/terraform-and-dockerfile.trimmed.json')
    expect(r.counts).toEqual({ passed: 15, failed: 13, skipped: 0, parsing_errors: 0 })
    expect(statuses(r)).toEqual({ pass: 13, fail: 13 })
    expect(r.scanner.version).toBe('2.0.209')
  })
})

describe('misconfigurations are never a perfect vulnerability scan', () => {
  it.each(['trivy/helm-pod.json', 'trivy/helm-testchart.json', 'trivy/dockerfile.json', 'trivy/terraform-config.sarif'])(
    '%s is a posture scan with the P of its checks', async (file) => {
      const scan = await parse(file)
      expect(scan.kind).toBe('posture')
      const p = postureScore(controlsMatrix((scan as Extract<ParsedScan, { kind: 'posture' }>).report))
      expect(p).not.toBeNull()
      expect(p!).toBeLessThan(100)
    })

  it('P of helm-pod.json: 5 controls checked and passed of 11 cells, weighted by severity', async () => {
    const cells = controlsMatrix(await posture('trivy/helm-pod.json'))
    const status = Object.fromEntries(cells.map((c) => [c.control, c.status]))
    expect(status).toEqual({
      'non-root': 'fail', 'no-privileged': 'pass', 'no-privilege-escalation': 'fail', 'capabilities-dropped': 'fail', seccomp: 'fail',
      'selinux-apparmor': 'pass', 'read-only-root-fs': 'fail', 'resource-limits': 'fail', 'host-namespaces': 'pass', 'allowed-registry': 'pass', other: 'fail',
    })
    // pass: privileged 10 + selinux 2 + host ns 5 + registry 2 = 19; fail: non-root 5, escalation 5, caps 2, seccomp 2,
    // read-only fs (its KSV-0014 is high) 5, resources 2, other (KSV-0118 high) 5 = 26
    expect(postureScore(cells)).toBeCloseTo((100 * 19) / 45, 9)
  })

  it('a Trivy report with no package result is a broken vulnerability scan', async () => {
    const scan = await parse(Buffer.from(JSON.stringify({ SchemaVersion: 2, ArtifactName: 'x', Results: [] })))
    expect(scan).toMatchObject({ kind: 'vulnerability', report: { brokenReason: expect.stringMatching(/no package results/) } })
  })

  it('a clean image (an os-pkgs result without vulnerabilities) is not broken', async () => {
    const scan = await parse(Buffer.from(JSON.stringify({ SchemaVersion: 2, Results: [{ Target: 'img (debian 12)', Class: 'os-pkgs', Type: 'debian' }] })))
    expect(scan).toMatchObject({ kind: 'vulnerability', report: { brokenReason: null, findings: [] } })
    expect(vulnerabilityExposure([])).toBe(100)
  })

  it('a SARIF log without runs, or of code scanning, is a broken vulnerability scan', async () => {
    const noRun = await parse(Buffer.from(JSON.stringify({ version: '2.1.0', runs: [] })))
    expect(noRun).toMatchObject({ kind: 'vulnerability', report: { brokenReason: expect.stringMatching(/no run/) } })
    const codeql = { version: '2.1.0', runs: [{ tool: { driver: { name: 'CodeQL', rules: [{ id: 'js/xss' }] } }, results: [{ ruleId: 'js/xss', message: { text: 'Cross-site scripting' } }] }] }
    expect(await parse(Buffer.from(JSON.stringify(codeql)))).toMatchObject({ report: { brokenReason: expect.stringMatching(/names a vulnerability/) } })
  })
})

// Workloads the real fixtures have no failing (or passing) example of are written here in Kubescape's
// report shape (a resource and its control results), as `kubescape scan --format json` prints them.
function kubescape(resources: { name: string; controls: [string, 'passed' | 'failed'][] }[]) {
  return Buffer.from(JSON.stringify({
    summaryDetails: { controls: {} },
    resources: resources.map((r) => ({ resourceID: r.name, object: { kind: 'Deployment', metadata: { namespace: 'test', name: r.name } } })),
    results: resources.map((r) => ({ resourceID: r.name, controls: r.controls.map(([controlID, status]) => ({ controlID, status: { status } })) })),
  }))
}

const cellsOf = async (source: string | Buffer) => controlsMatrix(await posture(source))
const find = (cells: ControlCell[], control: ControlId, status: 'pass' | 'fail') => cells.find((c) => c.control === control && c.status === status)

describe('each mapped control has a passing and a failing workload', () => {
  const synthetic = kubescape([
    { name: 'good', controls: [['C-0057', 'passed'], ['C-0038', 'passed'], ['C-0041', 'passed'], ['C-0260', 'passed'], ['C-0078', 'passed']] },
    { name: 'bad', controls: [['C-0057', 'failed'], ['C-0041', 'failed'], ['C-0260', 'failed'], ['C-0078', 'failed']] },
  ])
  const cases: [ControlId, string | Buffer, string | Buffer][] = [
    ['non-root', 'kubescape/manifest-scan-nginx.json', 'trivy/helm-pod.json'],
    ['no-privileged', 'trivy/helm-pod.json', synthetic],
    ['no-privilege-escalation', 'kubescape/manifest-scan-nginx.json', 'trivy/helm-pod.json'],
    ['capabilities-dropped', 'kubescape/manifest-scan-nginx.json', 'trivy/helm-pod.json'],
    ['seccomp', 'trivy/k8s-cluster.docs-example.json', 'kics/helm-chart-and-terraform.json'],
    ['selinux-apparmor', 'trivy/helm-pod.json', 'kubescape/manifest-scan-nginx.json'],
    ['read-only-root-fs', 'kubescape/manifest-scan-nginx.json', 'trivy/helm-pod.json'],
    ['resource-limits', 'kubescape/manifest-scan-nginx.json', 'kubescape/cluster-scan-k3d.trimmed.json'],
    ['host-namespaces', 'kubescape/manifest-scan-nginx.json', synthetic],
    ['network-policy', synthetic, 'kubescape/manifest-scan-nginx.json'],
    ['allowed-registry', 'trivy/helm-pod.json', synthetic],
  ]

  it('covers every control of the table', () => {
    expect(cases.map(([c]) => c).sort()).toEqual(CONTROLS.map((c) => c.id).sort())
  })

  it.each(cases)('%s', async (control, passing, failing) => {
    const scanOf = async (source: string | Buffer) => {
      const scan = await parse(typeof source === 'string' ? readFileSync(path.join(dir, source)) : source)
      return scan.kind === 'posture' ? scan.report : scan.kind === 'vulnerability' ? scan.alsoPosture! : null
    }
    expect(find(controlsMatrix((await scanOf(passing))!), control, 'pass')).toBeDefined()
    expect(find(controlsMatrix((await scanOf(failing))!), control, 'fail')).toBeDefined()
  })

  it('a control no check of the scan tested is not checked, not passed', async () => {
    const cells = await cellsOf('kube-bench/cis-1.6-all-targets.json')
    expect(cells.map((c) => c.control)).toEqual(['other', 'other', 'other'])
    // a Service or ServiceAccount file passes Trivy's workload checks vacuously: not a workload
    const chart = await cellsOf('trivy/helm-testchart.json')
    expect(new Set(chart.map((c) => c.workload))).toEqual(new Set(['templates/deployment.yaml']))
  })
})
