import { buildMetricsReport, type WindowFigures } from '@/lib/metrics/build-report'
import { listBuckets } from '@/lib/time/buckets'
import { buildQuarterlyReport, type ServicePeriodRow } from '@/lib/reports/build-quarterly-report'
import { summarizeCompliance } from '@/lib/reports/compliance-summary'
import { quarterPeriod } from '@/lib/reports/period'

// A small report built from hand-made engine figures, for the model and renderer tests.
const H = 3600

const empty = (days: number): WindowFigures => ({
  days, deployments: [], leadTime: [], failures: [], restore: [],
  pullRequests: { count: 0, firstCommitMedian: null, firstCommitToMergeMedian: null, mergedToDeployMedian: null },
  open: { total: 0, incidents: [] }, availability: { value: null, services: [], withoutData: [] }, availabilitySeries: [],
})

function figures(days: number, deployments: number, failures: number, leadMedian: number | null): WindowFigures {
  return {
    ...empty(days),
    deployments: [{ bucket: null, success: deployments, failure: 1, deploymentDays: 10 }, { bucket: '2026-04-01', success: deployments, failure: 1, deploymentDays: 10 }],
    leadTime: leadMedian === null ? [] : [{ bucket: null, count: 40, median: leadMedian, p75: leadMedian, p90: leadMedian, mean: leadMedian, negative: 0, untimed: 0 }],
    failures: [{ bucket: null, deployments: deployments + 1, failures, failed: 1, rolledBack: failures - 1, withIncident: 0, unplanned: 0, recovered: 0, unrecovered: 0,
      recoveryMedian: null, recoveryMean: null }],
    availability: { value: 1, services: [{ service: 'api', availability: 1, monitoredFrom: new Date('2026-04-01T00:00:00Z'), downtimeSeconds: 0, monitoredSeconds: days * 86_400, sloTarget: 99.9, errorBudgetSeconds: 1, errorBudgetRemainingSeconds: 1 }], withoutData: [] },
  } as WindowFigures
}

const row = (service: string, over: Partial<ServicePeriodRow> = {}): ServicePeriodRow => ({
  serviceId: 1, service, team: 'core', deployments: 0, leadTimeMedian: null, changes: 0, failures: 0, finished: 0, restoreMedian: null, incidents: 0,
  unplanned: 0, recovered: 0, recoveryMedian: null, unrecovered: 0, availability: null, weekly: [], ...over,
})

export function sampleReport() {
  const period = quarterPeriod(2026, 2, 'UTC')
  const months = listBuckets(period.from, period.to, 'month', 'UTC')
  const current = figures(91, 91, 9, 20 * H)
  const previous = figures(90, 45, 9, 48 * H)
  const monthly = { scope: {}, previousWindow: {}, ...buildMetricsReport(current, previous, months, 'dora-2023') }
  const report = buildQuarterlyReport({
    scope: { kind: 'team', team: 'core', service: null, services: ['api', 'web'], environments: ['production'] },
    period, tz: 'UTC', benchmark: 'dora-2023', generatedAt: new Date('2026-07-01T00:00:00Z'),
    monthly, weekly: buildMetricsReport(current, previous, listBuckets(period.from, period.to, 'week', 'UTC'), 'dora-2023'),
    services: [row('api', { deployments: 91, finished: 92, failures: 9, leadTimeMedian: 20 * H, changes: 40, unplanned: 4, recovered: 8, recoveryMedian: 2 * H, unrecovered: 1, availability: 0.999 }), row('web')],
    months: months.map((m) => ({ month: m.key.slice(0, 7), from: m.start, to: m.end, services: [row('api', { deployments: 30, finished: 31, failures: 3, changes: 1, unplanned: 1, recovered: 3, recoveryMedian: H, availability: 0.999 }), row('web')] })),
    incidents: [],
    compliance: summarizeCompliance([{ id: 1, slug: 'api' }, { id: 2, slug: 'web' }], [], []),
  })
  return { report, monthly }
}
