import { computeMetricsReport, type ResolvedScope } from '@/lib/engine/get-metrics-report'
import type { OverviewParams } from '@/lib/dashboard/overview-params'

// The metrics report of a dashboard scope over the filter bar's window: the same figures as
// GET /api/v1/metrics for that team or service, range, zone and granularity and levels.
export function dashboardReport(p: OverviewParams, scope: ResolvedScope, now: Date) {
  return computeMetricsReport(scope, { ...p, ...p.window, service: p.service ? [p.service] : undefined, benchmark: p.benchmark }, now)
}
