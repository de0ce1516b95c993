import { listScanPoints, listScannedServices, type ScannedServiceFilter } from '@/lib/queries/compliance/list-scan-points'
import { dailyScores, dayRange, median, medianTrend, serviceTimeline, type DailyPoint, type TimelinePoint } from '@/lib/compliance/score-history'

export type ServiceCompliance = {
  slug: string
  name: string
  team: string
  current: TimelinePoint
  lastScanAt: Date
  daily: DailyPoint[]
}

export type ComplianceOverview = {
  services: ServiceCompliance[]
  // median S over the services' current scores, and the share of services at grade A or B
  orgScore: number | null
  gradeAorB: number | null
  broken: number
  trend: { day: string; org: number | null; [team: string]: number | null | string }[]
  teams: string[]
}

// The compliance page and the overview's card: current S per service, and daily org and team trends.
// With a window (the overview's range) a service counts only when it was scanned in it, with its score
// as of the window's end: a scan from before the range says nothing about it.
export async function getComplianceOverview(filter: ScannedServiceFilter, now: Date, days = 90, window?: { from: Date; to: Date }): Promise<ComplianceOverview> {
  const services = await listScannedServices(filter)
  const scans = await listScanPoints(services.map((s) => s.serviceId))
  const rows: ServiceCompliance[] = []
  for (const s of services) {
    const timeline = serviceTimeline(scans.filter((p) => p.serviceId === s.serviceId)).filter((p) => !window || p.at < window.to)
    const current = timeline[timeline.length - 1]
    if (!current || (window && current.at < window.from)) continue
    rows.push({ slug: s.slug, name: s.name, team: s.team, current, lastScanAt: current.at, daily: dailyScores(timeline) })
  }
  const scored = rows.filter((r) => r.current.s !== null)
  const to = now.toISOString().slice(0, 10)
  const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10)
  const range = dayRange(from, to)
  const teams = [...new Set(rows.map((r) => r.team))].sort()
  const org = medianTrend(rows.map((r) => r.daily), range)
  const perTeam = teams.map((t) => medianTrend(rows.filter((r) => r.team === t).map((r) => r.daily), range))
  const firstData = org.findIndex((p) => p.s !== null)
  const trend = range.map((day, i) => ({ day, org: org[i]!.s, ...Object.fromEntries(teams.map((t, j) => [t, perTeam[j]![i]!.s])) })).slice(Math.max(firstData, 0))
  return {
    services: rows,
    orgScore: median(scored.map((r) => r.current.s!)),
    gradeAorB: rows.length ? rows.filter((r) => r.current.grade === 'A' || r.current.grade === 'B').length / rows.length : null,
    broken: rows.filter((r) => r.current.broken).length,
    trend: firstData < 0 ? [] : trend,
    teams,
  }
}
