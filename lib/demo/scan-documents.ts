import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DAY } from './calendar'

// The demo's scan history, made from the real scanner output in lib/compliance/fixtures (provenance in
// its README): OpenSCAP results (XCCDF and ARF) as oscap wrote them, and Trivy and Grype reports from
// those projects' test suites, of which each scan keeps a subset of the vulnerabilities (older images
// lack the later CVEs; fixed packages drop out) in the scanners' own shapes. Nothing is invented: a
// derived report only leaves entries out and carries the time of its scan.

const FIXTURES = path.join(process.cwd(), 'lib', 'compliance', 'fixtures')

export type ConfigDocument = 'xccdf' | 'arf' | 'broken'
export type VulnerabilityFixture =
  | 'trivy/distroless-base' | 'trivy/alpine-310' | 'trivy/debian-buster' | 'trivy/centos-7' | 'trivy/debian-stretch'
  | 'trivy/almalinux-8' | 'grype/image'

export interface ServiceScans {
  service: string
  image: VulnerabilityFixture
  /** language packages scanned with the image (Trivy reports list them as another result) */
  withNpm?: boolean
  config: readonly ConfigDocument[] // oldest first
  /** keeps fixing: the last scan drops every fixable vulnerability */
  fixesAll: boolean
}

// Eight of the ten services are scanned; notification-service and reporting-batch never were.
export const demoScanPlan: readonly ServiceScans[] = [
  { service: 'web-storefront', image: 'trivy/distroless-base', withNpm: true, config: ['xccdf', 'arf'], fixesAll: true },
  { service: 'catalog-api', image: 'trivy/alpine-310', config: ['arf', 'xccdf'], fixesAll: true },
  { service: 'search-api', image: 'grype/image', config: ['xccdf', 'arf'], fixesAll: true },
  { service: 'checkout-api', image: 'trivy/distroless-base', config: ['xccdf', 'arf'], fixesAll: true },
  { service: 'identity-service', image: 'trivy/debian-buster', config: ['arf', 'xccdf'], fixesAll: true },
  { service: 'api-gateway', image: 'trivy/almalinux-8', config: ['xccdf'], fixesAll: false },
  // the one broken scan: every rule notapplicable, which oscap reports as a (vacuous) pass
  { service: 'billing-engine', image: 'trivy/centos-7', config: ['xccdf', 'broken'], fixesAll: false },
  { service: 'erp-connector', image: 'trivy/debian-stretch', config: ['xccdf'], fixesAll: false },
]

/** Days before now of the vulnerability scans (oldest first) and of the config scans (from the last). */
const VULNERABILITY_DAYS = [170, 120, 60, 8] as const
const CONFIG_DAYS = [150, 75, 15] as const

export interface DemoScan {
  service: string
  scannedAt: Date
  /** a key for the parsed document (config documents are parsed once and uploaded for several services) */
  key: string
  body: () => Buffer
}

const gzipped: Record<ConfigDocument, string> = {
  xccdf: 'openscap/standard-deb12/xccdf-results.xml.gz',
  arf: 'openscap/standard-deb12/arf.xml.gz',
  broken: 'openscap/all-notapplicable/xccdf-results.xml.gz',
}

type Trivy = { CreatedAt?: string; Results?: { Vulnerabilities?: { FixedVersion?: string }[] | null }[] | null }
type Grype = { matches: { vulnerability: { fix?: { versions?: string[] | null } | null } }[]; descriptor?: { timestamp?: string } }

const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, 'scanners', `${name}.json`), 'utf8'))

/** Every scan of the demo, oldest first per service. */
export function demoScans(now: number): DemoScan[] {
  const scans: DemoScan[] = []
  const at = (days: number) => new Date(now - days * DAY)
  for (const s of demoScanPlan) {
    const configDays = CONFIG_DAYS.slice(CONFIG_DAYS.length - s.config.length)
    s.config.forEach((doc, i) => {
      scans.push({ service: s.service, scannedAt: at(configDays[i]!), key: doc, body: () => readFileSync(path.join(FIXTURES, gzipped[doc])) })
    })
    VULNERABILITY_DAYS.forEach((days, step) => {
      const scannedAt = at(days)
      scans.push({
        service: s.service, scannedAt, key: `${s.service}:${step}`,
        body: () => Buffer.from(JSON.stringify(vulnerabilityReport(s, step, scannedAt))),
      })
    })
  }
  return scans
}

// Step 0: the older image, without the report's last vulnerabilities; 1: all of them (new CVEs); 2: the
// first fixable one fixed; 3: every fixable one fixed (services that keep fixing) or as step 2.
function keep<T>(items: T[], fixable: (item: T) => boolean, step: number, fixesAll: boolean): T[] {
  if (step === 0) return items.slice(0, Math.max(1, Math.ceil(items.length / 2)))
  if (step === 1) return items
  const firstFixable = items.findIndex(fixable)
  if (step === 3 && fixesAll) return items.filter((item) => !fixable(item))
  return items.filter((_, i) => i !== firstFixable)
}

function vulnerabilityReport(s: ServiceScans, step: number, scannedAt: Date): unknown {
  if (s.image.startsWith('grype/')) {
    const report = readJson(s.image) as Grype
    const matches = keep(report.matches, (m) => (m.vulnerability.fix?.versions?.length ?? 0) > 0, step, s.fixesAll)
    return { ...report, matches, descriptor: { ...report.descriptor, timestamp: scannedAt.toISOString() } }
  }
  const report = readJson(s.image) as Trivy
  const results = [...(report.Results ?? []), ...(s.withNpm ? (readJson('trivy/npm') as Trivy).Results ?? [] : [])]
  // one list over all results, so a step removes the same vulnerabilities whichever result holds them
  const all = results.flatMap((r, ri) => (r.Vulnerabilities ?? []).map((v) => ({ ri, v })))
  const kept = new Set(keep(all, (x) => Boolean(x.v.FixedVersion), step, s.fixesAll))
  return {
    ...report,
    CreatedAt: scannedAt.toISOString(),
    Results: results.map((r, ri) => ({ ...r, Vulnerabilities: all.filter((x) => x.ri === ri && kept.has(x)).map((x) => x.v) })),
  }
}
