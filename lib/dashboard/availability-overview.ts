import { computeDailyUptime, spanAvailability, type UptimeDay } from '@/lib/metrics/daily-uptime'
import { finestProbeInterval } from '@/lib/metrics/probe-downtime'
import { computeSloStatus, earliestSloStart, type SloStatus } from '@/lib/metrics/slo'
import { toInterval } from '@/lib/engine/get-slo-statuses'
import { getRequestSlos } from '@/lib/engine/request-slos'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import { listProbeDowntime } from '@/lib/queries/metrics/probe-downtime'
import { listAvailabilityEvidence } from '@/lib/queries/metrics/availability-evidence'
import { observedFrom } from '@/lib/metrics/availability'
import { listOutages } from '@/lib/queries/metrics/time-to-restore'
import { listProbeChecks, type ProbeCheckRow } from '@/lib/queries/probes/list-probe-checks'
import type { ReadableTeams } from '@/lib/queries/readable-teams'

export type ServiceUptime = {
  slug: string
  name: string
  team: string
  // unmonitored: no probe and no outage incident, so no availability at all (never 100 %)
  status: 'down' | 'up' | 'unmonitored'
  checks: Pick<ProbeCheckRow, 'name' | 'kind' | 'lastUp' | 'lastSampleAt' | 'downSince'>[]
  days: UptimeDay[]
  availability: number | null
  slo: SloStatus
}

const DAYS = 90

// /availability: per service of the readable teams the last 90 UTC days of uptime, its status now and
// its SLO; worst first. The same intervals (production outages and probe-down) as the metrics engine's availability.
export async function getAvailabilityOverview(now: Date, readable: ReadableTeams): Promise<ServiceUptime[]> {
  const [services, environments] = await Promise.all([listTeamServices(null, undefined, readable), listScopeEnvironments(undefined)])
  const serviceIds = services.map((s) => s.id)
  const from = new Date(Math.min(earliestSloStart(services.map((s) => s.sloWindow), now).getTime(), (Math.floor(now.getTime() / 86_400_000) - DAYS + 1) * 86_400_000))
  const w = { serviceIds, environmentIds: environments.map((e) => e.id), from, to: now, tz: 'UTC', granularity: 'day' as const }
  const [outages, probeDown, checks, evidence, requests] = await Promise.all([
    listOutages(w), listProbeDowntime(w), listProbeChecks(serviceIds), listAvailabilityEvidence(serviceIds), getRequestSlos(services, now),
  ])
  const rows = services.map((s): ServiceUptime => {
    const intervals = [...outages, ...probeDown].filter((o) => o.serviceId === s.id).map(toInterval)
    const own = checks.filter((c) => c.serviceId === s.id)
    const observed = observedFrom(evidence.find((e) => e.serviceId === s.id))
    const days = computeDailyUptime(intervals, now, DAYS, observed)
    const downNow = intervals.some((i) => i.start <= now.getTime() && (i.end === null || i.end > now.getTime()))
    return {
      slug: s.slug, name: s.name, team: s.team,
      status: observed === null ? 'unmonitored' : downNow ? 'down' : 'up',
      checks: own.map(({ name, kind, lastUp, lastSampleAt, downSince }) => ({ name, kind, lastUp, lastSampleAt, downSince })),
      days, availability: spanAvailability(days), slo: computeSloStatus(s.sloTarget, s.sloWindow, intervals, now, { probeIntervalSeconds: finestProbeInterval(own), ...requests.get(s.id) }),
    }
  })
  // worst first; services without data last
  return rows.sort((a, b) => (a.availability ?? 2) - (b.availability ?? 2) || a.slug.localeCompare(b.slug))
}
