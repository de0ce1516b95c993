import { totalDuration, unionWithin } from '@/lib/metrics/intervals'
import { mean } from '@/lib/metrics/percentile'
import type { SloStatus } from '@/lib/metrics/slo'

export type ServiceAvailability = {
  service: string
  availability: number | null
  downtimeSeconds: number
  monitoredSeconds: number
  sloTarget: number
  errorBudgetSeconds: number
  errorBudgetRemainingSeconds: number
  // the service's SLO over its own window at the time of the report (current window only)
  slo?: SloStatus
}

type Outage = { serviceId: number; start: Date; end: Date | null }

// Availability per service over [from, min(to, now)); the scope's value is the mean over services.
export function computeAvailability(
  services: { id: number; slug: string; sloTarget: number }[],
  outages: Outage[],
  from: Date,
  to: Date,
  now: Date,
): { value: number | null; services: ServiceAvailability[] } {
  const end = Math.min(to.getTime(), now.getTime())
  const monitoredMs = Math.max(0, end - from.getTime())
  const perService = services.map((s) => {
    const intervals = outages.filter((o) => o.serviceId === s.id).map((o) => ({ start: o.start.getTime(), end: o.end?.getTime() ?? null }))
    const downMs = totalDuration(unionWithin(intervals, from.getTime(), end))
    const budgetMs = (1 - s.sloTarget / 100) * monitoredMs
    return {
      service: s.slug,
      availability: monitoredMs === 0 ? null : 1 - downMs / monitoredMs,
      downtimeSeconds: downMs / 1000,
      monitoredSeconds: monitoredMs / 1000,
      sloTarget: s.sloTarget,
      errorBudgetSeconds: budgetMs / 1000,
      errorBudgetRemainingSeconds: (budgetMs - downMs) / 1000,
    }
  })
  const values = perService.map((s) => s.availability).filter((v): v is number => v !== null)
  return { value: mean(values), services: perService }
}
