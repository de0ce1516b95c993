import type { Tx } from '@/lib/db'
import { LONGEST_RULE_MS, RULE_WINDOWS_MS, type WindowSums } from '@/lib/metrics/burn-rate'
import { resolveSloIndicator, type SloIndicator } from '@/lib/metrics/slo'
import { listBurnWindowSums, listRequestBurnServices, type BurnService } from '@/lib/queries/alerts/burn-window-sums'
import { listServicesWithRequests, sumRequestCounts } from '@/lib/queries/requests/sum-request-counts'

export type BurnInput = BurnService & { indicator: SloIndicator; sums: WindowSums }

// What the burn-rate rules read at `at` for each service with events in the last 3 days: the indicator its
// SLO uses (docs/availability.md: requests once any are recorded, unless set to probes) and that
// indicator's good/total per rule window: probe samples by minute, or request windows by the span their
// start lies in (as the request-based SLO counts them).
export async function loadBurnInputs(tx: Tx, at: Date, ids: number[] | null): Promise<Map<number, BurnInput>> {
  const probes = await listBurnWindowSums(tx, at, RULE_WINDOWS_MS, ids)
  const requestServices = await listRequestBurnServices(tx, new Date(at.getTime() - LONGEST_RULE_MS), at, ids)
  const services = new Map<number, BurnService>([...probes, ...requestServices].map((s) => [s.serviceId, s]))
  const serviceIds = [...services.keys()]
  const [withRequests, requests] = await Promise.all([
    listServicesWithRequests(serviceIds, tx),
    sumRequestCounts(requestServices.map((s) => s.serviceId), RULE_WINDOWS_MS.map((ms) => new Date(at.getTime() - ms)), at, tx),
  ])
  const none = { good: 0, total: 0 }
  return new Map([...services].map(([id, s]) => {
    const indicator = resolveSloIndicator(s.sloIndicator, withRequests.has(id))
    const sums: WindowSums = indicator === 'requests'
      ? (ms) => requests.find((r) => r.serviceId === id && r.since.getTime() === at.getTime() - ms) ?? none
      : (ms) => probes.find((p) => p.serviceId === id && p.windowMs === ms) ?? none
    return [id, { ...s, indicator, sums }]
  }))
}
