import { INDICATOR_ANNOTATION, type SloSpec } from '@/lib/slo-as-code/parse-slo-document'
import type { SloWindowKind } from '@/lib/metrics/slo'

const timeWindows: Record<SloWindowKind, Record<string, unknown>> = {
  rolling_28d: { duration: '28d', isRolling: true },
  rolling_30d: { duration: '30d', isRolling: true },
  calendar_month: { duration: '1M', isRolling: false, calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' } },
  calendar_quarter: { duration: '1Q', isRolling: false, calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' } },
}
const prometheus = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } })

// A service's SLO as an OpenSLO v1 document (kind SLO, budgeting by occurrences, an inline ratio indicator when
// it was declared with PromQL); parseSloDocument reads it back to the same SloSpec.
export function toOpenSlo(spec: SloSpec) {
  const r = spec.ratio
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: spec.name, annotations: { [INDICATOR_ANNOTATION]: spec.indicator } },
    spec: {
      service: spec.service,
      budgetingMethod: 'Occurrences',
      timeWindow: [timeWindows[spec.window]],
      objectives: [{ displayName: 'availability', targetPercent: spec.target }],
      ...(r
        ? {
            indicator: {
              metadata: { name: `${spec.name}-ratio` },
              spec: {
                ratioMetric: {
                  counter: true,
                  ...(r.good ? { good: prometheus(r.good) } : {}),
                  ...(r.bad ? { bad: prometheus(r.bad) } : {}),
                  total: prometheus(r.total),
                },
              },
            },
          }
        : {}),
    },
  }
}
