import { totalDuration, unionWithin } from '@/lib/metrics/intervals'
import { mean } from '@/lib/metrics/percentile'
import type { SloStatus } from '@/lib/metrics/slo'

export type ServiceAvailability = {
  service: string
  // null: no data (never probed, no outage incident, or nothing observed in the window)
  availability: number | null
  // where observation starts in the window (its start, or the first probe if later); null: no data
  monitoredFrom: Date | null
  downtimeSeconds: number
  monitoredSeconds: number
  sloTarget: number
  errorBudgetSeconds: number
  errorBudgetRemainingSeconds: number
  // the service's SLO over its own window at the time of the report (current window only)
  slo?: SloStatus
}

type Outage = { serviceId: number; start: Date; end: Date | null }
export type AvailabilityEvidence = { serviceId: number; probedSince: Date | null; reportsOutages: boolean }

// From when a service's availability is known (epoch ms), or null when it is not known at all: from its
// first probe (or its check's creation). A service that records outage incidents is taken to report
// every outage, so the whole window counts; one with neither has no data, never 100 % (docs/metrics.md).
export function observedFrom(e: AvailabilityEvidence | undefined): number | null {
  if (!e) return null
  if (e.reportsOutages) return -Infinity
  return e.probedSince?.getTime() ?? null
}

// Availability per service over its observed part of [from, min(to, now)); the scope's value is the
// mean over the services with data, and the services without are listed apart.
export function computeAvailability(
  services: { id: number; slug: string; sloTarget: number }[],
  outages: Outage[],
  from: Date,
  to: Date,
  now: Date,
  evidence: AvailabilityEvidence[],
): { value: number | null; services: ServiceAvailability[]; withoutData: string[] } {
  const end = Math.min(to.getTime(), now.getTime())
  const perService = services.map((s): ServiceAvailability => {
    const since = observedFrom(evidence.find((e) => e.serviceId === s.id))
    const start = since === null ? end : Math.max(from.getTime(), since)
    const monitoredMs = Math.max(0, end - start)
    const intervals = outages.filter((o) => o.serviceId === s.id).map((o) => ({ start: o.start.getTime(), end: o.end?.getTime() ?? null }))
    // an outage still open counts as downtime up to the window's end (now, when the window reaches it)
    const downMs = monitoredMs === 0 ? 0 : totalDuration(unionWithin(intervals, start, end))
    const budgetMs = (1 - s.sloTarget / 100) * monitoredMs
    return {
      service: s.slug,
      availability: monitoredMs === 0 ? null : 1 - downMs / monitoredMs,
      monitoredFrom: monitoredMs === 0 ? null : new Date(start),
      downtimeSeconds: downMs / 1000,
      monitoredSeconds: monitoredMs / 1000,
      sloTarget: s.sloTarget,
      errorBudgetSeconds: budgetMs / 1000,
      errorBudgetRemainingSeconds: (budgetMs - downMs) / 1000,
    }
  })
  const values = perService.map((s) => s.availability).filter((v): v is number => v !== null)
  return { value: mean(values), services: perService, withoutData: perService.filter((s) => s.availability === null).map((s) => s.service) }
}

export type AvailabilityPoint = { bucket: string; value: number | null; downtimeSeconds: number; services: number }

// Availability per chart bucket (the window's buckets clipped to it): the same rule as the window's
// figure, so a bucket before a service's first probe, or in the future, has no data rather than 100 %.
// services: how many had data in the bucket (the n of its mean).
export function availabilitySeries(
  services: { id: number; slug: string; sloTarget: number }[],
  outages: Outage[],
  ranges: { key: string | null; from: Date; to: Date }[],
  now: Date,
  evidence: AvailabilityEvidence[],
): AvailabilityPoint[] {
  return ranges.filter((r) => r.key !== null).map((r) => {
    const a = computeAvailability(services, outages, r.from, r.to, now, evidence)
    const observed = a.services.filter((s) => s.availability !== null)
    return { bucket: r.key!, value: a.value, downtimeSeconds: observed.reduce((t, s) => t + s.downtimeSeconds, 0), services: observed.length }
  })
}
