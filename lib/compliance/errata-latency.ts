import { percentileCont } from '@/lib/metrics/percentile'
import type { Erratum } from '@/lib/queries/compliance/list-errata'

// Security errata latency (issue 23 item 5): for a fixable finding in production, the seconds from the
// first scan that showed a fixed version to the first production deployment of an image without it.
// Median and p90 per severity; fixable critical and high findings still unremediated after 7 and 30 days.

export type LatencyRow = { severity: string; remediated: number; medianSeconds: number | null; p90Seconds: number | null }
export type ErrataSummary = { bySeverity: LatencyRow[]; openCriticalHigh: { over7Days: number; over30Days: number } }

const DAY_S = 86_400
const ORDER = ['critical', 'high', 'medium', 'low', 'unknown', 'negligible']

export const latencySeconds = (e: Pick<Erratum, 'fixAvailableAt' | 'remediatedAt'>) =>
  e.remediatedAt ? (e.remediatedAt.getTime() - e.fixAvailableAt.getTime()) / 1000 : null

export function summarizeErrata(errata: Erratum[], now: Date): ErrataSummary {
  const severities = ORDER.filter((s) => errata.some((e) => e.severity === s))
  const bySeverity = severities.map((severity) => {
    const done = errata.filter((e) => e.severity === severity).map(latencySeconds).filter((x): x is number => x !== null)
    return { severity, remediated: done.length, medianSeconds: percentileCont(done, 0.5), p90Seconds: percentileCont(done, 0.9) }
  })
  const open = errata.filter((e) => !e.remediatedAt && (e.severity === 'critical' || e.severity === 'high'))
  const age = (e: Erratum) => (now.getTime() - e.fixAvailableAt.getTime()) / 1000
  return { bySeverity, openCriticalHigh: { over7Days: open.filter((e) => age(e) > 7 * DAY_S).length, over30Days: open.filter((e) => age(e) > 30 * DAY_S).length } }
}
