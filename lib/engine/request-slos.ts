import { BURN_LOOKBACKS_MS, computeRequestSlo, type BurnLookback, type Counts, type RequestSlo } from '@/lib/metrics/request-slo'
import { resolveSloIndicator, sloWindowRange, type SloIndicator } from '@/lib/metrics/slo'
import type { ScopedService } from '@/lib/queries/metrics/resolve-metric-scope'
import { listServicesWithRequests, sumRequestCounts } from '@/lib/queries/requests/sum-request-counts'

export type RequestSloOf = { indicator: SloIndicator; requests: RequestSlo | null }

// Each service's request-based SLO at `now` (its own window, and the burn-rate lookbacks) and the indicator
// its SLO uses; one query for all of them. A service without counts in its window has no request figures.
export async function getRequestSlos(services: ScopedService[], now: Date): Promise<Map<number, RequestSloOf>> {
  const ids = services.map((s) => s.id)
  const windowStart = (s: ScopedService) => sloWindowRange(s.sloWindow, now).from.getTime()
  const lookbackStart = (ms: number) => now.getTime() - ms
  const starts = [...new Set([...services.map(windowStart), ...Object.values(BURN_LOOKBACKS_MS).map(lookbackStart)])].map((t) => new Date(t))
  const [sums, withRequests] = await Promise.all([sumRequestCounts(ids, starts, now), listServicesWithRequests(ids)])
  const counts = (serviceId: number, since: number): Counts | undefined => sums.find((r) => r.serviceId === serviceId && r.since.getTime() === since)
  return new Map(services.map((s) => {
    const window = counts(s.id, windowStart(s))
    const lookbacks = Object.fromEntries(Object.entries(BURN_LOOKBACKS_MS).map(([k, ms]) => [k, counts(s.id, lookbackStart(ms))])) as Partial<Record<BurnLookback, Counts>>
    const requests = window && window.total > 0 ? computeRequestSlo(s.sloTarget, window, lookbacks) : null
    return [s.id, { indicator: resolveSloIndicator(s.sloIndicator, withRequests.has(s.id)), requests }]
  }))
}
