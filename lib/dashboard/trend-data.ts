import type { MetricsReport } from '@/lib/metrics/build-report'
import type { TrendData } from '@/components/charts/trend-charts'

const toHours = (s: unknown) => (typeof s === 'number' ? s / 3600 : null)

// The report's series, shaped for the charts (hours and percent; plain, serialisable values).
export function toTrendData(report: MetricsReport): TrendData {
  const m = report.metrics
  return {
    deployments: m.deploymentFrequency.series.map((p) => ({ bucket: String(p.bucket), success: Number(p.success), failure: Number(p.failure) })),
    leadTime: m.leadTime.series.map((p) => {
      const median = toHours(p.median)
      const p90 = toHours(p.p90)
      return { bucket: String(p.bucket), medianHours: median, p90Hours: p90, band: median !== null && p90 !== null ? [median, p90] as [number, number] : null }
    }),
    changeFailure: m.changeFailureRate.series.map((p) => ({ bucket: String(p.bucket), percent: typeof p.rate === 'number' ? p.rate * 100 : null })),
    restore: m.timeToRestore.series.map((p) => ({ bucket: String(p.bucket), medianHours: toHours(p.median) })),
  }
}
