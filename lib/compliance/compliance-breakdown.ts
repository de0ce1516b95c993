import { asOf, complianceMetric, type ServiceScans } from '@/lib/compliance/compliance-metric'
import type { ScanPoint, TimelinePoint } from '@/lib/compliance/score-history'

// The compliance metric page's breakdown (issue 23 item 6): by team and by service over the page's window,
// with the metric's rules (a service counts when scanned in the window, with its S as of the window's end),
// and the scans behind each service's number: its latest scan of each kind up to the window's end. Pure.

export type BreakdownService = ServiceScans & { name: string; team: string; teamName: string }
type Window = { from: Date; to: Date }

export type ServiceRow = { slug: string; name: string; team: string; point: TimelinePoint | null; scans: ScanPoint[] }
export type TeamRow = { slug: string; name: string; s: number | null; scanned: number; services: number; broken: number }

// worst first, no data last (as the other metrics' breakdowns)
const byScore = <T>(score: (r: T) => number | null) => (a: T, b: T) => {
  const x = score(a)
  const y = score(b)
  return x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y
}

// the latest scan of each kind up to the window's end: what the service's S is made of
function scansBehind(scans: ScanPoint[], to: Date): ScanPoint[] {
  const latest = new Map<ScanPoint['kind'], ScanPoint>()
  for (const s of scans) {
    const seen = latest.get(s.kind)
    const later = !seen || s.scannedAt > seen.scannedAt || (s.scannedAt.getTime() === seen.scannedAt.getTime() && s.id > seen.id)
    if (s.scannedAt < to && later) latest.set(s.kind, s)
  }
  return (['config', 'vulnerability', 'posture'] as const).flatMap((k) => (latest.has(k) ? [latest.get(k)!] : []))
}

export function complianceBreakdown(services: BreakdownService[], window: Window, previous: Window): { byTeam: TeamRow[]; byService: ServiceRow[] } {
  const points = asOf(services, window)
  const byService = services.map((s, i) => {
    const point = points[i]!.point
    return { slug: s.slug, name: s.name, team: s.team, point, scans: point ? scansBehind(s.scans, window.to) : [] }
  }).sort(byScore((r) => r.point?.s ?? null))
  const teams = [...new Map(services.map((s) => [s.team, s.teamName]))]
  const byTeam = teams.map(([slug, name]) => {
    const m = complianceMetric(services.filter((s) => s.team === slug), window, previous, [])
    return { slug, name, s: m.headline, scanned: m.coverage.scanned, services: m.coverage.services, broken: m.coverage.broken }
  }).sort(byScore((r) => r.s))
  return { byTeam, byService }
}
