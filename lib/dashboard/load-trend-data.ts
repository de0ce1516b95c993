import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { toTrendData, type Annotation, type TrendData } from '@/lib/dashboard/trend-data'
import type { MetricsReport } from '@/lib/metrics/build-report'
import { listChartAnnotations } from '@/lib/queries/metrics/chart-annotations'
import { readPool } from '@/lib/db'
import { rollingLeadTime, rollingRestore } from '@/lib/queries/metrics/rolling-durations'
import { listBuckets } from '@/lib/time/buckets'
import { rollingWindows } from '@/lib/time/rolling-windows'

// A view's trend charts: the report's series with the view's markers (unless annotations=off).
export async function loadTrendData(report: MetricsReport, scope: ResolvedScope, p: OverviewParams, now: Date): Promise<TrendData> {
  const [annotations, rollingDurations] = await Promise.all([loadAnnotations(scope, p), loadRollingDurations(scope, p)])
  return toTrendData(report, {
    window: p.window, now, granularity: p.granularity, benchmark: p.benchmark, rolling: p.rolling ?? null, annotations, rollingDurations,
  })
}

// With a rolling view: lead time and time to restore over each day's trailing 7 or 28 days.
async function loadRollingDurations(scope: ResolvedScope, p: OverviewParams) {
  if (!p.rolling || scope.services.length === 0) return undefined
  const w = {
    serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id), ...p.window, tz: p.tz, granularity: p.granularity,
    strategies: p.strategy,
  }
  const windows = rollingWindows(listBuckets(p.window.from, p.window.to, 'day', p.tz), Number(p.rolling))
  const [leadTime, restore] = await Promise.all([rollingLeadTime(w, windows, readPool()), rollingRestore(w, windows, readPool())])
  return { leadTime, restore }
}

// The markers of a view's charts (failed deployments, rollbacks, incidents per bucket): none with annotations=off.
export async function loadAnnotations(scope: ResolvedScope, p: OverviewParams): Promise<Annotation[]> {
  if (p.annotations === 'off' || scope.services.length === 0) return []
  return listChartAnnotations({
    serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id),
    ...p.window, tz: p.tz, granularity: p.granularity,
  }, readPool())
}
