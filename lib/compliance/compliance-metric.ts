import { FORMULA_VERSION } from '@/lib/compliance/compliance-score'
import { median, serviceTimeline, type ScanPoint, type TimelinePoint } from '@/lib/compliance/score-history'
import type { Bucket } from '@/lib/time/buckets'
import { compare, type Change } from '@/lib/metrics/compare'

// `compliance` in GET /api/v1/metrics (issue 23 item 6), with the other metrics' rules for missing
// data: a service counts in a window only when it was scanned in it, with its score as of the window's
// end; no scanned service is "no data" (null), never 0 or 100. Pure: the engine fetches the scans.

// The plain-words definition on the metric page (docs/compliance.md, "Compliance in GET /api/v1/metrics").
export const COMPLIANCE_DEFINITION = 'S per service is the geometric mean of the components it has: C, the configuration pass rate '
  + '(OpenSCAP), V, the vulnerability exposure (Trivy, Grype, SARIF), and P, the workload posture (Trivy misconfigurations, kube-bench, '
  + 'Kubescape, Checkov, KICS), from its latest scan of each kind up to the end of the range. A service counts only when it was scanned '
  + 'in the range; the headline is the median S over those services. A broken scan gives no S; no scanned service is no data, never 0 or 100.'

export type ServiceScans = { slug: string; scans: ScanPoint[] }
type Window = { from: Date; to: Date }

export type ComplianceMetric = {
  formulaVersion: string
  // median S over the services scanned in the window (broken ones have none)
  headline: number | null
  components: { c: number | null; v: number | null; p: number | null }
  coverage: { services: number; scanned: number; broken: number; config: number; vulnerability: number; posture: number; unscanned: string[] }
  series: { key: string; s: number | null }[]
  previous: { headline: number | null; scanned: number }
  // the headline against the previous window's (higher is better), as the other metrics' `change`
  change: Change
}

// each service's score as of the window's end, when it was scanned in the window
export function asOf(services: ServiceScans[], w: Window): { slug: string; point: TimelinePoint | null }[] {
  return services.map(({ slug, scans }) => {
    const timeline = serviceTimeline(scans).filter((p) => p.at < w.to)
    const last = timeline[timeline.length - 1]
    return { slug, point: last && timeline.some((p) => p.at >= w.from) ? last : null }
  })
}

const medianOf = (xs: (number | null)[]) => median(xs.filter((x): x is number => x !== null))

export function complianceMetric(services: ServiceScans[], window: Window, previous: Window, buckets: Bucket[]): ComplianceMetric {
  const now = asOf(services, window)
  const scanned = now.flatMap((r) => (r.point ? [r.point] : []))
  const before = asOf(services, previous).flatMap((r) => (r.point ? [r.point] : []))
  const headline = medianOf(scanned.map((p) => p.s))
  const previousHeadline = medianOf(before.map((p) => p.s))
  return {
    formulaVersion: FORMULA_VERSION,
    headline,
    components: { c: medianOf(scanned.map((p) => p.c)), v: medianOf(scanned.map((p) => p.v)), p: medianOf(scanned.map((p) => p.p)) },
    coverage: {
      services: services.length,
      scanned: scanned.length,
      broken: scanned.filter((p) => p.broken).length,
      config: scanned.filter((p) => p.coverage.config).length,
      vulnerability: scanned.filter((p) => p.coverage.vulnerability).length,
      posture: scanned.filter((p) => p.coverage.posture).length,
      unscanned: now.filter((r) => !r.point).map((r) => r.slug),
    },
    // per bucket: the median S as of the bucket's end over the services scanned in the window so far
    series: buckets.map((b) => ({
      key: b.key,
      s: medianOf(asOf(services, { from: window.from, to: b.end < window.to ? b.end : window.to }).map((r) => r.point?.s ?? null)),
    })),
    previous: { headline: previousHeadline, scanned: before.length },
    change: compare(headline, previousHeadline, true),
  }
}
