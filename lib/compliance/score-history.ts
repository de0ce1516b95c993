import { combineComponents, FORMULA_VERSION, type ComplianceScore, type FormulaVersion, type Grade } from '@/lib/compliance/compliance-score'

// Scores over time, from stored scans: every scan's point combines the latest configuration scan
// and the latest vulnerability scan of its service up to then; daily values take the last scan of the
// day; an org or team value is the median over its services. Pure: the queries fetch, this computes.

export type ScanPoint = {
  id: number
  serviceId: number
  scannedAt: Date
  kind: 'config' | 'vulnerability' | 'posture'
  score: number | null
  grade: string | null
  broken: boolean
  imageDigest: string | null
}

// deploy: a new image digest; rescan: the same digest scanned again (new CVEs, not new code)
export type Marker = 'first' | 'deploy' | 'rescan' | 'unknown'
export type TimelinePoint = ComplianceScore & { scanId: number; at: Date; kind: ScanPoint['kind']; marker: Marker }

// version: the formula to compute S with (v1 recomputes the history without P)
export function serviceTimeline(scans: ScanPoint[], version: FormulaVersion = FORMULA_VERSION): TimelinePoint[] {
  const sorted = [...scans].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime() || a.id - b.id)
  const latest: Record<ScanPoint['kind'], ScanPoint | null> = { config: null, vulnerability: null, posture: null }
  let digest: string | null = null
  let i = 0
  const points: TimelinePoint[] = []
  for (const scan of sorted) {
    // a posture scan is no point of the v1 history: it changes nothing there
    if (version === 'v1' && scan.kind === 'posture') continue
    latest[scan.kind] = scan
    const imageScan = scan.kind !== 'posture'
    const marker: Marker = i++ === 0 ? 'first' : !imageScan || !scan.imageDigest || !digest ? 'unknown' : scan.imageDigest === digest ? 'rescan' : 'deploy'
    if (imageScan) digest = scan.imageDigest ?? digest
    const component = (s: ScanPoint | null) => (s ? { score: s.score, grade: s.grade as Grade | null, broken: s.broken } : null)
    const score = combineComponents(component(latest.config), component(latest.vulnerability), component(latest.posture), version)
    points.push({ ...score, scanId: scan.id, at: scan.scannedAt, kind: scan.kind, marker })
  }
  return points
}

export type DailyPoint = { day: string; s: number | null }

// The last point of each UTC day.
export function dailyScores(points: TimelinePoint[]): DailyPoint[] {
  const byDay = new Map<string, number | null>()
  for (const p of points) byDay.set(p.at.toISOString().slice(0, 10), p.s)
  return [...byDay].map(([day, s]) => ({ day, s }))
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const v = [...values].sort((a, b) => a - b)
  const mid = v.length >> 1
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2
}

// Per day from the first to the last: the median over services of each one's latest S so far
// (a service scanned once keeps its score until the next scan; broken scans count as no value).
export function medianTrend(services: DailyPoint[][], days: string[]): DailyPoint[] {
  const latest = services.map(() => null as number | null)
  const cursors = services.map(() => 0)
  return days.map((day) => {
    services.forEach((points, i) => {
      while (cursors[i]! < points.length && points[cursors[i]!]!.day <= day) latest[i] = points[cursors[i]!++]!.s
    })
    return { day, s: median(latest.filter((x): x is number => x !== null)) }
  })
}

export function dayRange(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10))
  return days
}
