import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import type { OverviewParams } from '@/lib/dashboard/overview-params'
import { toTrendData, type TrendData } from '@/lib/dashboard/trend-data'
import type { MetricsReport } from '@/lib/metrics/build-report'
import { listChartAnnotations } from '@/lib/queries/metrics/chart-annotations'
import { readPool } from '@/lib/db'

// A view's trend charts: the report's series with the view's markers (unless annotations=off).
export async function loadTrendData(report: MetricsReport, scope: ResolvedScope, p: OverviewParams, now: Date): Promise<TrendData> {
  const annotations = p.annotations === 'off' || scope.services.length === 0 ? [] : await listChartAnnotations({
    serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id),
    ...p.window, tz: p.tz, granularity: p.granularity,
  }, readPool())
  return toTrendData(report, { window: p.window, now, granularity: p.granularity, benchmark: p.benchmark, rolling: p.rolling ?? null, annotations })
}
