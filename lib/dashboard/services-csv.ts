import type { ServiceTableRow } from '@/lib/dashboard/services-table'

export const servicesCsvColumns = [
  'service', 'team', 'finished_deployments', 'deployments_per_day', 'deployment_frequency_level', 'lead_time_median_seconds', 'lead_time_level',
  'change_failure_rate', 'change_failure_rate_level', 'time_to_restore_median_seconds', 'time_to_restore_level', 'availability',
  'slo_target_percent', 'slo_budget_remaining_minutes', 'compliance_score',
] as const

// The services table as CSV rows: the numbers unformatted (per day, seconds, ratios), empty for no data.
export const servicesCsvRow = (r: ServiceTableRow) => ({
  service: r.slug, team: r.team, finished_deployments: r.finished,
  deployments_per_day: r.values.frequency, deployment_frequency_level: r.levels.deploymentFrequency,
  lead_time_median_seconds: r.values.leadTime, lead_time_level: r.levels.leadTime,
  change_failure_rate: r.values.changeFailureRate, change_failure_rate_level: r.levels.changeFailureRate,
  time_to_restore_median_seconds: r.values.timeToRestore, time_to_restore_level: r.levels.timeToRestore,
  availability: r.values.availability, slo_target_percent: r.slo?.target ?? null, slo_budget_remaining_minutes: r.slo?.budget.remainingMinutes ?? null,
  compliance_score: r.compliance?.score ?? null,
})
